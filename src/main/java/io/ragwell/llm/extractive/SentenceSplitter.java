package io.ragwell.llm.extractive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

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

	private static final Pattern LINE_BREAK = Pattern.compile("\\R");

	private SentenceSplitter() {
	}

	/** The sentences of {@code text} in order, trimmed, whitespace collapsed, never blank. */
	public static List<String> split(String text) {
		List<String> sentences = new ArrayList<>();
		for (Block block : blocks(text)) {
			splitBlock(block, sentences, null);
		}
		return sentences;
	}

	/**
	 * Where in {@code text} each sentence {@link #split} returns lies, in the same order: {@code [start0, end0,
	 * start1, end1, ...]}, from the sentence's first character to just after its last. Ingestion pools a
	 * sentence's vector over these characters' tokens, and the answerer uses stored vectors only when these spans
	 * are the ones they were pooled over.
	 */
	public static int[] spans(String text) {
		List<String> sentences = new ArrayList<>();
		List<int[]> spans = new ArrayList<>();
		for (Block block : blocks(text)) {
			splitBlock(block, sentences, spans);
		}
		int[] flat = new int[spans.size() * 2];
		for (int i = 0; i < spans.size(); i++) {
			flat[2 * i] = spans.get(i)[0];
			flat[2 * i + 1] = spans.get(i)[1];
		}
		return flat;
	}

	/** A paragraph or list item with, per character, its offset in the original text. */
	private record Block(String text, int[] at) {
	}

	/** Paragraphs and list items, headings dropped, lines inside a paragraph joined. */
	private static List<Block> blocks(String text) {
		List<Block> blocks = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		IntBuilder at = new IntBuilder();
		Matcher breaks = LINE_BREAK.matcher(text);
		int lineStart = 0;
		while (lineStart <= text.length()) {
			boolean more = breaks.find();
			int lineEnd = more ? breaks.start() : text.length();
			int first = lineStart;
			int last = lineEnd;
			while (first < last && Character.isWhitespace(text.charAt(first))) {
				first++;
			}
			while (last > first && Character.isWhitespace(text.charAt(last - 1))) {
				last--;
			}
			String line = text.substring(first, last);
			boolean startsBlock = line.isEmpty() || HEADING.matcher(line).matches()
					|| LIST_ITEM.matcher(line).matches();
			if (startsBlock && !current.isEmpty()) {
				blocks.add(new Block(current.toString(), at.toArray()));
				current.setLength(0);
				at.clear();
			}
			if (!line.isEmpty() && !HEADING.matcher(line).matches()) {
				if (!current.isEmpty()) {
					current.append(' ');
					at.add(first);
				}
				current.append(line);
				for (int i = first; i < last; i++) {
					at.add(i);
				}
			}
			if (!more) {
				break;
			}
			lineStart = breaks.end();
		}
		if (!current.isEmpty()) {
			blocks.add(new Block(current.toString(), at.toArray()));
		}
		return blocks;
	}

	private static void splitBlock(Block rawBlock, List<String> sentences, @Nullable List<int[]> spans) {
		// Whitespace runs collapsed to one space and the ends stripped, keeping each character's origin.
		String raw = rawBlock.text();
		StringBuilder collapsed = new StringBuilder(raw.length());
		IntBuilder origin = new IntBuilder();
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (isSpace(c)) {
				if (i > 0 && isSpace(raw.charAt(i - 1))) {
					continue;
				}
				c = ' ';
			}
			collapsed.append(c);
			origin.add(rawBlock.at()[i]);
		}
		int[] at = origin.toArray();
		int lead = 0;
		int tail = collapsed.length();
		while (lead < tail && Character.isWhitespace(collapsed.charAt(lead))) {
			lead++;
		}
		while (tail > lead && Character.isWhitespace(collapsed.charAt(tail - 1))) {
			tail--;
		}
		String block = collapsed.substring(lead, tail);
		int shift = lead;
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
				add(block, start, end, at, shift, sentences, spans);
				start = next;
			}
			i = end - 1;
		}
		if (start < length) {
			add(block, start, length, at, shift, sentences, spans);
		}
	}

	/** White space as the regular expression {@code \s} has it: ASCII only (a no-break space stays). */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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

	private static void add(String block, int start, int end, int[] at, int shift, List<String> sentences,
			@Nullable List<int[]> spans) {
		int first = start;
		int last = end;
		while (first < last && Character.isWhitespace(block.charAt(first))) {
			first++;
		}
		while (last > first && Character.isWhitespace(block.charAt(last - 1))) {
			last--;
		}
		if (first < last) {
			sentences.add(block.substring(first, last));
			if (spans != null) {
				spans.add(new int[] { at[first + shift], at[last - 1 + shift] + 1 });
			}
		}
	}

	/** A growable int array. */
	private static final class IntBuilder {

		private int[] values = new int[64];

		private int size;

		void add(int value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		void clear() {
			this.size = 0;
		}

		int[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
