package io.ragwell.rank;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Weighted relative-score fusion (the "relativeScoreFusion" of Weaviate and the convex combination studied
 * by Bruch, Gai and Ingber, "An Analysis of Fusion Functions for Hybrid Retrieval", TOIS 2023): each list's
 * scores are min-max normalised to [0, 1] within that list, then every id scores
 * {@code alpha * dense + (1 - alpha) * sparse}, a list the id is missing from contributing 0. Unlike
 * {@link ReciprocalRankFusion} it keeps how far apart the scores were, at the price of trusting each list's
 * score scale within one query.
 */
public final class RelativeScoreFusion {

	/** Equal weight to both lists. */
	public static final double DEFAULT_ALPHA = 0.5;

	private RelativeScoreFusion() {
	}

	/**
	 * Fuses two rankings of ids by their normalised scores.
	 * @param dense the dense (vector) ranking; each {@code score} is normalised against the list's minimum and
	 * maximum and becomes the fused entry's {@code denseScore} (unnormalised)
	 * @param sparse the sparse (BM25) ranking; normalised like {@code dense}, its raw {@code score} becomes the
	 * fused entry's {@code sparseScore}
	 * @param alpha weight of the dense list, between 0 and 1: 1 ranks by the dense list alone, 0 by the sparse
	 * list alone (ids found only by the other list then score 0 and come last)
	 * @param topN the most entries to return, 1 or more
	 * @return at most {@code topN} entries by descending fused score, ties by ascending id. A list whose scores
	 * are all equal (one entry, say) normalises every entry to 1, since each is as good as the best of that
	 * list. When an id appears twice in one list only its first occurrence counts.
	 */
	public static List<Fused> fuseIds(List<Scored> dense, List<Scored> sparse, double alpha, int topN) {
		return fuseIds(dense, sparse, alpha, topN, ScoreNormalization.MIN_MAX);
	}

	/**
	 * {@link #fuseIds(List, List, double, int)} with each list normalised by {@code normalization} instead of
	 * min-max; an id missing from a list still contributes 0 for it.
	 * @param dense the dense (vector) ranking
	 * @param sparse the sparse (BM25) ranking
	 * @param alpha weight of the dense list, between 0 and 1
	 * @param topN the most entries to return, 1 or more
	 * @param normalization how each list's scores are put on a common scale
	 * @return at most {@code topN} entries by descending fused score, ties by ascending id
	 */
	public static List<Fused> fuseIds(List<Scored> dense, List<Scored> sparse, double alpha, int topN,
			ScoreNormalization normalization) {
		if (!(alpha >= 0.0 && alpha <= 1.0)) {
			throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
		FusedRanking ranking = new FusedRanking();
		double[] denseNormalised = normalization.normalise(dense);
		for (int i = 0; i < denseNormalised.length; i++) {
			ranking.addDense(dense.get(i), alpha * denseNormalised[i]);
		}
		double[] sparseNormalised = normalization.normalise(sparse);
		for (int i = 0; i < sparseNormalised.length; i++) {
			ranking.addSparse(sparse.get(i), (1.0 - alpha) * sparseNormalised[i]);
		}
		return ranking.top(topN);
	}

	/**
	 * {@link #fuseIds(List, List, double, int, ScoreNormalization)} over search results.
	 * @return at most {@code topN} results ranked {@code 1..n}, each with the chunk of its first occurrence
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, double alpha,
			int topN, ScoreNormalization normalization) {
		return Results.fuse(dense, sparse,
				(denseIds, sparseIds) -> fuseIds(denseIds, sparseIds, alpha, topN, normalization));
	}

	/**
	 * {@link #fuseIds} over search results: chunk ids are the ids.
	 * @return at most {@code topN} results ranked {@code 1..n}, each with the chunk of its first occurrence
	 * (dense list first)
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, double alpha,
			int topN) {
		return Results.fuse(dense, sparse, (denseIds, sparseIds) -> fuseIds(denseIds, sparseIds, alpha, topN));
	}

}
