package io.ragwell.rank;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ragwell.core.SearchResult;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): merges a dense and a sparse ranking
 * by chunk id, scoring every chunk {@code sum over lists of 1 / (k + rank)}. Only ranks are used, so the
 * incomparable scales of cosine similarity and BM25 never have to be calibrated against each other.
 */
public final class ReciprocalRankFusion {

	/** The constant from the original paper; it damps the weight of the very first ranks. */
	public static final int DEFAULT_K = 60;

	private ReciprocalRankFusion() {
	}

	/**
	 * Fuses with {@link #DEFAULT_K}.
	 * @param dense results of the dense (vector) search, best first
	 * @param sparse results of the sparse (BM25) search, best first
	 * @param topN the most results to return, 1 or more
	 * @return see {@link #fuse(List, List, int, int)}
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, int topN) {
		return fuse(dense, sparse, DEFAULT_K, topN);
	}

	/**
	 * Fuses two rankings of chunks.
	 * @param dense results of the dense (vector) search, best first; a result's rank is its one-based
	 * position in this list (its {@code rank} field is ignored), and its {@code score} becomes the fused
	 * result's {@code denseScore}
	 * @param sparse results of the sparse (BM25) search, best first; ranked by position like {@code dense},
	 * its {@code score} becomes the fused result's {@code sparseScore}
	 * @param k the rank constant, 1 or more: larger values flatten the difference between top and lower ranks
	 * @param topN the most results to return, 1 or more
	 * @return at most {@code topN} results by descending fused score, ties by ascending chunk id, ranked
	 * {@code 1..n}; a chunk appearing in only one list keeps {@code null} as the other list's score. When a
	 * chunk id appears twice in one list only its first (best) occurrence counts.
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, int k, int topN) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be >= 1, was " + k);
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
		FusedRanking ranking = new FusedRanking();
		for (int i = 0; i < dense.size(); i++) {
			ranking.addDense(dense.get(i), 1.0 / (k + i + 1));
		}
		for (int i = 0; i < sparse.size(); i++) {
			ranking.addSparse(sparse.get(i), 1.0 / (k + i + 1));
		}
		return ranking.top(topN);
	}

	/**
	 * Fuses any number of rankings of the same kind, such as the hybrid results of several phrasings of one
	 * question (multi-query expansion).
	 * @param rankings result lists, each best first; a result's rank is its one-based position in its list
	 * @param k the rank constant, 1 or more
	 * @param topN the most results to return, 1 or more
	 * @return at most {@code topN} results by descending {@code sum over lists of 1 / (k + rank)}, ties by
	 * ascending chunk id, ranked {@code 1..n}; each keeps the dense and sparse scores of the first list that
	 * carried them. A chunk id repeated within one list counts once, at its first position.
	 */
	public static List<SearchResult> fuseAll(List<List<SearchResult>> rankings, int k, int topN) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be >= 1, was " + k);
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
		FusedRanking fused = new FusedRanking();
		for (List<SearchResult> ranking : rankings) {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < ranking.size(); i++) {
				SearchResult result = ranking.get(i);
				if (seen.add(result.chunk().id())) {
					fused.addFused(result, 1.0 / (k + i + 1));
				}
			}
		}
		return fused.top(topN);
	}

}
