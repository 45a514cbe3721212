package io.ragwell.query.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ragwell.core.SearchResult;

/**
 * The two query rewrites of pseudo-relevance feedback, as pure functions over a first search's results (see
 * {@link io.ragwell.query.plan.PrfProperties}).
 */
final class PseudoRelevanceFeedback {

	// Function words carry no topic: as expansion terms they would only add noise to BM25 (the index's
	// EnglishAnalyzer drops most of them anyway, and then the term is simply wasted).
	private static final Set<String> STOPWORDS = Set.of("a", "about", "above", "after", "again", "against", "all",
			"also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
			"between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each",
			"et", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
			"his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "may", "me", "might", "more",
			"most", "much", "must", "my", "no", "nor", "not", "of", "off", "on", "once", "one", "only", "or", "other",
			"our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
			"them", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too", "two", "under",
			"until", "up", "upon", "use", "used", "using", "very", "was", "we", "were", "what", "when", "where",
			"whether", "which", "while", "who", "whom", "why", "will", "with", "within", "without", "would", "you",
			"your", "al", "study", "studies", "results", "showed", "show", "shown", "found", "although",
			"among", "well", "whereas");

	private PseudoRelevanceFeedback() {
	}

	/**
	 * Rocchio on the dense side: the query moved towards the centroid of the feedback vectors, normalised to unit
	 * length (the store ranks by cosine).
	 * @param query the query vector
	 * @param feedback the feedback chunks' vectors, each as long as the query
	 * @param weight the centroid's share, 0 to 1
	 * @return the new vector; the query itself when there is no feedback
	 */
	static float[] rocchio(float[] query, List<float[]> feedback, double weight) {
		if (feedback.isEmpty() || weight <= 0) {
			return query;
		}
		double[] mixed = new double[query.length];
		double queryNorm = norm(query);
		for (int i = 0; i < query.length; i++) {
			mixed[i] = (1 - weight) * query[i] / queryNorm;
		}
		for (float[] vector : feedback) {
			if (vector.length != query.length) {
				throw new IllegalArgumentException(
						"feedback vector has " + vector.length + " dimensions, the query " + query.length);
			}
			double vectorNorm = norm(vector);
			for (int i = 0; i < query.length; i++) {
				mixed[i] += weight * vector[i] / vectorNorm / feedback.size();
			}
		}
		double length = 0;
		for (double value : mixed) {
			length += value * value;
		}
		length = Math.sqrt(length);
		float[] result = new float[query.length];
		for (int i = 0; i < query.length; i++) {
			result[i] = (float) (mixed[i] / Math.max(length, 1e-12));
		}
		return result;
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		return Math.max(Math.sqrt(sum), 1e-12);
	}

	/**
	 * RM3-style expansion terms: each feedback chunk's term distribution ({@code tf / length}), weighted by the
	 * chunk's share of the feedback scores, summed; the query's own terms, function words, numbers and words of
	 * fewer than three letters left out.
	 * @param query the query text
	 * @param feedback the first search's best chunks
	 * @param count the most terms to return
	 * @return up to {@code count} terms, most weighted first
	 */
	static List<String> expansionTerms(String query, List<SearchResult> feedback, int count) {
		if (feedback.isEmpty() || count < 1) {
			return List.of();
		}
		Set<String> queryTerms = new LinkedHashSet<>(words(query));
		double total = 0;
		boolean positive = true;
		for (SearchResult result : feedback) {
			total += result.score();
			positive &= result.score() > 0;
		}
		Map<String, Double> weights = new HashMap<>();
		for (SearchResult result : feedback) {
			// Scores of a fused list are comparable within it; a list with a non-positive score (none of the
			// stores' today) falls back to equal weights.
			double documentWeight = (positive && total > 0) ? result.score() / total : 1.0 / feedback.size();
			List<String> words = words(result.chunk().content());
			if (words.isEmpty()) {
				continue;
			}
			Map<String, Integer> counts = new HashMap<>();
			for (String word : words) {
				counts.merge(word, 1, Integer::sum);
			}
			double length = words.size();
			counts.forEach((word, tf) -> {
				if (!queryTerms.contains(word) && !STOPWORDS.contains(word) && word.length() >= 3
						&& !word.chars().allMatch(Character::isDigit)) {
					weights.merge(word, documentWeight * tf / length, Double::sum);
				}
			});
		}
		List<Map.Entry<String, Double>> ranked = new ArrayList<>(weights.entrySet());
		ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
			.thenComparing(Map.Entry.comparingByKey()));
		return ranked.stream().limit(count).map(Map.Entry::getKey).toList();
	}

	/**
	 * The BM25 query text with feedback: the question {@code queryWeight} times (the Lucene store weighs a repeated
	 * term by its count; a store that does not still gets the expansion terms), then each expansion term once.
	 */
	static String expandedText(String query, List<String> terms, int queryWeight) {
		if (terms.isEmpty()) {
			return query;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < queryWeight; i++) {
			text.append(query).append('\n');
		}
		text.append(String.join(" ", terms));
		return text.toString();
	}

	/** Lower-cased runs of letters and digits. */
	static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		String lower = text.toLowerCase(Locale.ROOT);
		for (int i = 0; i < lower.length(); i++) {
			char c = lower.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				word.append(c);
			}
			else if (!word.isEmpty()) {
				words.add(word.toString());
				word.setLength(0);
			}
		}
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

}
