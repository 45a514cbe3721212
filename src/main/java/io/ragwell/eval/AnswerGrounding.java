package io.ragwell.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps an answer's citations back to corpus sentences, so that sentence-level grounding can be scored against
 * gold rationales. Works on the answer text alone, so it scores any answerer (the extractive one quotes
 * sentences; a generative model paraphrases them, and its statements map to the sentence they overlap most).
 */
final class AnswerGrounding {

	/** One or more adjacent citations: "[1]", "[1][3]", "[1, 3]". */
	private static final Pattern CITATIONS = Pattern.compile("(?:\\s*\\[\\d+(?:\\s*,\\s*\\d+)*])+");

	private static final Pattern NUMBER = Pattern.compile("\\d+");

	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

	/**
	 * A corpus sentence whose words are at least this share of whose words the statement holds: the statement
	 * quotes it (the extractive answerer's splitter may join two corpus sentences into one statement).
	 */
	static final double CONTAINED = 0.8;

	/** Sentences shorter than this are matched only as the best overlap, never by containment. */
	static final int MIN_CONTAINED_WORDS = 4;

	/** Below this share of the statement's words, the best sentence is not what the statement says. */
	static final double MIN_OVERLAP = 0.5;

	private AnswerGrounding() {
	}

	/**
	 * The answer's statements with the source numbers each cites. A statement is the text between the previous
	 * citation group (and the punctuation that closes it) and its own citation group.
	 * @param answer the answer text
	 * @return statements in order; uncited text is left out
	 */
	static List<Statement> statements(String answer) {
		List<Statement> statements = new ArrayList<>();
		Matcher matcher = CITATIONS.matcher(answer);
		int from = 0;
		while (matcher.find()) {
			String text = answer.substring(from, matcher.start()).strip();
			Set<Integer> sources = new LinkedHashSet<>();
			Matcher numbers = NUMBER.matcher(matcher.group());
			while (numbers.find()) {
				sources.add(Integer.parseInt(numbers.group()));
			}
			if (!text.isEmpty()) {
				statements.add(new Statement(text, List.copyOf(sources)));
			}
			from = matcher.end();
			// "… warm [1]. Next …": the full stop after the citation closes this statement.
			while (from < answer.length() && ".!?…".indexOf(answer.charAt(from)) >= 0) {
				from++;
			}
		}
		return statements;
	}

	/**
	 * The sentences of a document that a statement quotes or paraphrases: every sentence whose words it
	 * contains (at {@link #CONTAINED}), else the one sentence sharing the most of its words (at least
	 * {@link #MIN_OVERLAP}), else none.
	 * @param statement a statement of the answer
	 * @param sentences the cited document's sentences
	 * @return indexes into {@code sentences}
	 */
	static Set<Integer> matchingSentences(String statement, List<String> sentences) {
		Set<String> said = tokens(statement);
		Set<Integer> matched = new HashSet<>();
		if (said.isEmpty()) {
			return matched;
		}
		int best = -1;
		double bestOverlap = 0;
		for (int i = 0; i < sentences.size(); i++) {
			Set<String> sentence = tokens(sentences.get(i));
			if (sentence.isEmpty()) {
				continue;
			}
			int shared = 0;
			for (String token : sentence) {
				if (said.contains(token)) {
					shared++;
				}
			}
			// Containment needs a few words: "Methods" or "Results:" is in every statement.
			if (sentence.size() >= MIN_CONTAINED_WORDS && (double) shared / sentence.size() >= CONTAINED) {
				matched.add(i);
			}
			double overlap = (double) shared / Math.max(said.size(), sentence.size());
			if (overlap > bestOverlap) {
				bestOverlap = overlap;
				best = i;
			}
		}
		if (matched.isEmpty() && best >= 0 && bestOverlap >= MIN_OVERLAP) {
			matched.add(best);
		}
		return matched;
	}

	private static Set<String> tokens(String text) {
		Set<String> tokens = new HashSet<>();
		Matcher matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			tokens.add(matcher.group());
		}
		return tokens;
	}

	/**
	 * @param text what the answer says
	 * @param sources the 1-based source numbers it cites
	 */
	record Statement(String text, List<Integer> sources) {
	}

}
