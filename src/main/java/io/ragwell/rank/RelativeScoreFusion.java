package io.ragwell.rank;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Weighted relative-score fusion (the "relativeScoreFusion" of Weaviate and the convex combination studied
 * by Bruch, Gai and Ingber, "An Analysis of Fusion Functions for Hybrid Retrieval", TOIS 2023): each list's
 * scores are min-max normalised to [0, 1] within that list, then every chunk scores
 * {@code alpha * dense + (1 - alpha) * sparse}, a list the chunk is missing from contributing 0. Unlike
 * {@link ReciprocalRankFusion} it keeps how far apart the scores were, at the price of trusting each list's
 * score scale within one query.
 */
public final class RelativeScoreFusion {

	/** Equal weight to both lists. */
	public static final double DEFAULT_ALPHA = 0.5;

	private RelativeScoreFusion() {
	}

	/**
	 * Fuses two rankings of chunks by their normalised scores.
	 * @param dense results of the dense (vector) search; each {@code score} is normalised against the list's
	 * minimum and maximum and becomes the fused result's {@code denseScore} (unnormalised)
	 * @param sparse results of the sparse (BM25) search; normalised like {@code dense}, its raw {@code score}
	 * becomes the fused result's {@code sparseScore}
	 * @param alpha weight of the dense list, between 0 and 1: 1 ranks by the dense list alone, 0 by the sparse
	 * list alone (chunks found only by the other list then score 0 and come last)
	 * @param topN the most results to return, 1 or more
	 * @return at most {@code topN} results by descending fused score, ties by ascending chunk id, ranked
	 * {@code 1..n}. A list whose scores are all equal (one result, say) normalises every entry to 1, since
	 * each is as good as the best of that list. When a chunk id appears twice in one list only its first
	 * occurrence counts.
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, double alpha,
			int topN) {
		if (!(alpha >= 0.0 && alpha <= 1.0)) {
			throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
		FusedRanking ranking = new FusedRanking();
		double[] denseRange = range(dense);
		for (SearchResult result : dense) {
			ranking.addDense(result, alpha * normalise(result.score(), denseRange));
		}
		double[] sparseRange = range(sparse);
		for (SearchResult result : sparse) {
			ranking.addSparse(result, (1.0 - alpha) * normalise(result.score(), sparseRange));
		}
		return ranking.top(topN);
	}

	/**
	 * Min-max normalisation.
	 * @param score the score to normalise
	 * @param range {@code {min, max}} of the list the score came from
	 * @return {@code (score - min) / (max - min)}, or 1 when {@code max == min}
	 */
	static double normalise(double score, double[] range) {
		double width = range[1] - range[0];
		return (width > 0.0) ? (score - range[0]) / width : 1.0;
	}

	private static double[] range(List<SearchResult> results) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (SearchResult result : results) {
			min = Math.min(min, result.score());
			max = Math.max(max, result.score());
		}
		return new double[] { min, max };
	}

}
