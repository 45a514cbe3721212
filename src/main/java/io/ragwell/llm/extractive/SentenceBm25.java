package io.ragwell.llm.extractive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BM25 of a question against a handful of sentences, the sentences themselves being the collection: a word that
 * most of them share says little about which one answers. A cheap first pass before embedding.
 */
final class SentenceBm25 {

	/** Lucene's defaults: term frequency saturates quickly, length normalised in full. */
	private static final double K1 = 1.2;

	private static final double B = 0.75;

	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

	private SentenceBm25() {
	}

	/**
	 * The {@code limit} items whose text scores best, in their original order (ties to the earlier item).
	 * @param question the question
	 * @param items candidates, in source then sentence order
	 * @param text each item's sentence
	 * @param limit how many to keep, 1 or more
	 * @param <T> the item type
	 * @return at most {@code limit} items, in their original order
	 */
	static <T> List<T> best(String question, List<T> items, Function<T, String> text, int limit) {
		if (items.size() <= limit) {
			return items;
		}
		double[] scores = scores(question, items.stream().map(text).toList());
		List<Integer> order = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
		List<Integer> kept = new ArrayList<>(order.subList(0, limit));
		kept.sort(Comparator.naturalOrder());
		return kept.stream().map(items::get).toList();
	}

	/**
	 * Every sentence's BM25 score against the question, the sentences being the collection.
	 * @param question the question
	 * @param sentences the candidates
	 * @return one score per sentence, in order; 0 for a sentence sharing no word with the question
	 */
	static double[] scores(String question, List<String> sentences) {
		List<List<String>> tokenised = new ArrayList<>(sentences.size());
		Map<String, Integer> documentFrequency = new HashMap<>();
		double totalLength = 0;
		for (String sentence : sentences) {
			List<String> tokens = tokens(sentence);
			tokenised.add(tokens);
			totalLength += tokens.size();
			for (String token : new HashSet<>(tokens)) {
				documentFrequency.merge(token, 1, Integer::sum);
			}
		}
		double averageLength = Math.max(totalLength / Math.max(sentences.size(), 1), 1);
		Set<String> asked = new HashSet<>(tokens(question));
		double[] scores = new double[sentences.size()];
		for (int i = 0; i < sentences.size(); i++) {
			List<String> tokens = tokenised.get(i);
			Map<String, Integer> frequency = new HashMap<>();
			for (String token : tokens) {
				if (asked.contains(token)) {
					frequency.merge(token, 1, Integer::sum);
				}
			}
			double norm = K1 * (1 - B + B * tokens.size() / averageLength);
			double score = 0;
			for (Map.Entry<String, Integer> term : frequency.entrySet()) {
				int df = documentFrequency.getOrDefault(term.getKey(), 1);
				double idf = Math.log(1 + (sentences.size() - df + 0.5) / (df + 0.5));
				score += idf * term.getValue() * (K1 + 1) / (term.getValue() + norm);
			}
			scores[i] = score;
		}
		return scores;
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			tokens.add(matcher.group());
		}
		return tokens;
	}

}
