package io.ragwell.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ragwell.core.SearchResult;

/**
 * The standard ad-hoc retrieval metrics, computed the way trec_eval (and therefore BEIR's pytrec_eval) computes
 * them, over a ranking of document ids and graded relevance judgments.
 * <p>
 * Conventions shared by every function: a ranking is best first; a document id appearing more than once
 * counts only at its first position (later copies are dropped, so they neither earn gain twice nor push other
 * documents down); a judgment with grade 0 or less means "judged not relevant" and counts as unjudged; ties
 * in score are the caller's to order (rankings here are positions, not scores).
 */
public final class RetrievalMetrics {

	private RetrievalMetrics() {
	}

	/**
	 * Normalised discounted cumulative gain at {@code k}, with linear gains (gain = grade) and the
	 * {@code 1 / log2(rank + 1)} discount, as trec_eval's {@code ndcg_cut}.
	 * @param ranking document ids, best first; duplicates count once, at their first position
	 * @param grades relevance grade per judged document id; grades of 0 or less earn nothing
	 * @param k cut-off, 1 or more
	 * @return DCG@k of {@code ranking} divided by DCG@k of the ideal ranking (all relevant documents by
	 * descending grade), in [0, 1]; 0 when no document has a positive grade
	 */
	public static double ndcgAt(List<String> ranking, Map<String, Integer> grades, int k) {
		requirePositive(k);
		List<String> top = head(ranking, k);
		double dcg = 0;
		for (int i = 0; i < top.size(); i++) {
			dcg += gain(grades, top.get(i)) / log2(i + 2);
		}
		int[] ideal = grades.values().stream().mapToInt(Integer::intValue).filter(g -> g > 0).toArray();
		Arrays.sort(ideal);
		double idcg = 0;
		for (int i = 0; i < Math.min(k, ideal.length); i++) {
			idcg += ideal[ideal.length - 1 - i] / log2(i + 2);
		}
		return (idcg == 0) ? 0 : dcg / idcg;
	}

	/**
	 * Recall at {@code k}: the share of relevant documents found in the first {@code k}.
	 * @param ranking document ids, best first; duplicates count once
	 * @param grades relevance grade per judged document id; a document is relevant when its grade is positive
	 * @param k cut-off, 1 or more
	 * @return relevant documents among the first {@code k} distinct ids divided by all relevant documents, in
	 * [0, 1]; 0 when no document is relevant
	 */
	public static double recallAt(List<String> ranking, Map<String, Integer> grades, int k) {
		requirePositive(k);
		long relevant = grades.values().stream().filter(g -> g > 0).count();
		if (relevant == 0) {
			return 0;
		}
		long found = head(ranking, k).stream().filter(id -> gain(grades, id) > 0).count();
		return found / (double) relevant;
	}

	/**
	 * Reciprocal rank at {@code k}: {@code 1 / rank} of the first relevant document if it is within the first
	 * {@code k}, else 0. Averaged over queries this is MRR@k.
	 * @param ranking document ids, best first; duplicates count once, so ranks are among distinct ids
	 * @param grades relevance grade per judged document id; a document is relevant when its grade is positive
	 * @param k cut-off, 1 or more
	 * @return a value in [0, 1]
	 */
	public static double reciprocalRankAt(List<String> ranking, Map<String, Integer> grades, int k) {
		requirePositive(k);
		List<String> top = head(ranking, k);
		for (int i = 0; i < top.size(); i++) {
			if (gain(grades, top.get(i)) > 0) {
				return 1.0 / (i + 1);
			}
		}
		return 0;
	}

	/**
	 * Turns a ranking of chunks into a ranking of their documents: a document scores as its best chunk, so
	 * documents are ordered by their first appearance in the chunk ranking (which is best first).
	 * @param chunks retrieved chunks, best first
	 * @return distinct document ids, best first
	 */
	public static List<String> documentRanking(List<SearchResult> chunks) {
		Set<String> ids = new LinkedHashSet<>();
		for (SearchResult result : chunks) {
			ids.add(result.chunk().documentId());
		}
		return List.copyOf(ids);
	}

	/**
	 * The nearest-rank percentile: the smallest value with at least {@code p} percent of the values at or
	 * below it (so the p50 of an even count is the lower middle value, never an interpolation).
	 * @param values the sample, in any order; not modified
	 * @param p percentile, in (0, 100]
	 * @return the percentile, or 0 for an empty sample
	 */
	public static double percentile(List<Double> values, double p) {
		if (!(p > 0 && p <= 100)) {
			throw new IllegalArgumentException("p must be in (0, 100], was " + p);
		}
		if (values.isEmpty()) {
			return 0;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(rank, 1) - 1];
	}

	/** The first {@code k} distinct ids. */
	private static List<String> head(List<String> ranking, int k) {
		List<String> top = new ArrayList<>(Math.min(k, ranking.size()));
		Set<String> seen = new LinkedHashSet<>();
		for (String id : ranking) {
			if (top.size() == k) {
				break;
			}
			if (seen.add(id)) {
				top.add(id);
			}
		}
		return top;
	}

	private static int gain(Map<String, Integer> grades, String id) {
		Integer grade = grades.get(id);
		return (grade == null || grade < 0) ? 0 : grade;
	}

	private static double log2(int x) {
		return Math.log(x) / Math.log(2);
	}

	private static void requirePositive(int k) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be >= 1, was " + k);
		}
	}

}
