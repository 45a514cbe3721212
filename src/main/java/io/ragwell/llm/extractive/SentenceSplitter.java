package io.ragwell.llm.extractive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits chunk text into sentences for the extractive answerer. Rule-based rather than
 * {@link java.text.BreakIterator}, which breaks after "et al." and "Fig." and knows nothing of Markdown.
 * <p>
 * A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …} (plus closing quotes and brackets) that is
 * followed by whitespace and then a capital letter, a digit or an opening quote or bracket, unless the word
 * before the period is a known abbreviation, an initial ("J.") or a dotted acronym ("e.g.", "U.S."). Blank
 * lines and Markdown list items always start a new sentence; Markdown headings are dropped because they
 * label an answer rather than state one.
 */
public final class SentenceSplitter {

	private static final Set<String> ABBREVIATIONS = Set.of("al", "etc", "vs", "cf", "ca", "dr", "mr",
			"mrs", "ms", "prof", "sr", "jr", "st", "inc", "ltd", "corp", "fig", "figs", "eq", "eqs", "dept", "jan",
			"feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "resp", "incl");

	/** Abbreviations only when a number follows ("No. 5", "p. 12"): "no." can also end a sentence. */
	private static final Set<String> NUMBER_ABBREVIATIONS = Set.of("no", "nos", "p", "pp", "vol", "ch", "sec",
			"art", "op");

	private static final Pattern DOTTED_ACRONYM = Pattern.compile("(?:\\p{L}\\.){1,}\\p{L}?");

	private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-*+•]|\\d{1,3}[.)])\\s+.*");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s.*");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private SentenceSplitter() {
	}

	/** The sentences of {@code text} in order, trimmed, whitespace collapsed, never blank. */
	public static List<String> split(String text) {
		List<String> sentences = new ArrayList<>();
		for (String block : blocks(text)) {
			splitBlock(block, sentences);
		}
		return sentences;
	}

	/** Paragraphs and list items, headings dropped, lines inside a paragraph joined. */
	private static List<String> blocks(String text) {
		List<String> blocks = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String rawLine : text.split("\\R", -1)) {
			String line = rawLine.strip();
			boolean startsBlock = line.isEmpty() || HEADING.matcher(line).matches()
					|| LIST_ITEM.matcher(line).matches();
			if (startsBlock && !current.isEmpty()) {
				blocks.add(current.toString());
				current.setLength(0);
			}
			if (line.isEmpty() || HEADING.matcher(line).matches()) {
				continue;
			}
			if (!current.isEmpty()) {
				current.append(' ');
			}
			current.append(line);
		}
		if (!current.isEmpty()) {
			blocks.add(current.toString());
		}
		return blocks;
	}

	private static void splitBlock(String rawBlock, List<String> sentences) {
		String block = WHITESPACE.matcher(rawBlock).replaceAll(" ").strip();
		int start = 0;
		int length = block.length();
		for (int i = 0; i < length; i++) {
			if (!isTerminator(block.charAt(i))) {
				continue;
			}
			int end = i + 1;
			while (end < length && (isTerminator(block.charAt(end)) || isCloser(block.charAt(end)))) {
				end++;
			}
			if (end < length && !Character.isWhitespace(block.charAt(end))) {
				// "2.5", "e.g.,", "example.com": no space after the mark, so no boundary.
				i = end - 1;
				continue;
			}
			int next = end;
			while (next < length && Character.isWhitespace(block.charAt(next))) {
				next++;
			}
			boolean boundary = next >= length
					|| (startsSentence(block.charAt(next)) && !isAbbreviation(block, start, i, Character.isDigit(block.charAt(next))));
			if (boundary) {
				add(sentences, block.substring(start, end));
				start = next;
			}
			i = end - 1;
		}
		if (start < length) {
			add(sentences, block.substring(start));
		}
	}

	private static boolean isTerminator(char c) {
		return c == '.' || c == '!' || c == '?' || c == '…';
	}

	private static boolean isCloser(char c) {
		return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»';
	}

	private static boolean startsSentence(char c) {
		return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '\'' || c == '(' || c == '['
				|| c == '“' || c == '‘' || c == '«' || c == '`' || c == '*' || c == '_';
	}

	/** Whether the word that ends with the period at {@code dot} is an abbreviation rather than a sentence end. */
	private static boolean isAbbreviation(String block, int sentenceStart, int dot, boolean nextIsDigit) {
		if (block.charAt(dot) != '.') {
			return false;
		}
		int wordStart = dot;
		while (wordStart > sentenceStart && !Character.isWhitespace(block.charAt(wordStart - 1))) {
			wordStart--;
		}
		String word = block.substring(wordStart, dot);
		// Opening punctuation is not part of the word: "(e.g." is "e.g".
		int first = 0;
		while (first < word.length() && !Character.isLetterOrDigit(word.charAt(first))) {
			first++;
		}
		word = word.substring(first);
		if (word.isEmpty()) {
			return false;
		}
		if (wordStart == sentenceStart && word.chars().allMatch(Character::isDigit)) {
			return true; // a numbered list marker, as in "2. Check the logs"
		}
		if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
			return true; // an initial, as in "J. R. R. Tolkien"
		}
		String lower = word.toLowerCase(Locale.ROOT);
		if (NUMBER_ABBREVIATIONS.contains(lower)) {
			return nextIsDigit;
		}
		return ABBREVIATIONS.contains(lower) || (lower.indexOf('.') >= 0 && DOTTED_ACRONYM.matcher(word).matches());
	}

	private static void add(List<String> sentences, String sentence) {
		String trimmed = sentence.strip();
		if (!trimmed.isEmpty()) {
			sentences.add(trimmed);
		}
	}

}
