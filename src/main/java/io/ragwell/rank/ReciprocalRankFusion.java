package io.ragwell.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.ragwell.core.HybridFusion;
import io.ragwell.core.SearchResult;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): merges a dense and a sparse ranking
 * by id, scoring every id {@code sum over lists of 1 / (k + rank)}. Only ranks are used, so the
 * incomparable scales of cosine similarity and BM25 never have to be calibrated against each other.
 */
public final class ReciprocalRankFusion {

	/** The constant from the original paper; it damps the weight of the very first ranks. */
	public static final int DEFAULT_K = HybridFusion.DEFAULT_RRF_K;

	private ReciprocalRankFusion() {
	}

	/**
	 * Fuses two rankings of ids.
	 * @param dense the dense (vector) ranking, best first; an entry's rank is its one-based position, and its
	 * {@code score} becomes the fused entry's {@code denseScore}
	 * @param sparse the sparse (BM25) ranking, best first; ranked by position like {@code dense}, its
	 * {@code score} becomes the fused entry's {@code sparseScore}
	 * @param k the rank constant, 1 or more: larger values flatten the difference between top and lower ranks
	 * @param topN the most entries to return, 1 or more
	 * @return at most {@code topN} entries by descending fused score, ties by ascending id; an id appearing in
	 * only one list keeps {@code null} as the other list's score. When an id appears twice in one list only its
	 * first (best) occurrence counts.
	 */
	public static List<Fused> fuseIds(List<Scored> dense, List<Scored> sparse, int k, int topN) {
		check(k, topN);
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
	 * @param rankings rankings, each best first; an entry's rank is its one-based position in its list
	 * @param k the rank constant, 1 or more
	 * @param topN the most entries to return, 1 or more
	 * @return at most {@code topN} entries by descending {@code sum over lists of 1 / (k + rank)}, ties by
	 * ascending id; each keeps the dense and sparse scores of the first list that carried them. An id repeated
	 * within one list counts once, at its first position.
	 */
	public static List<Fused> fuseAllIds(List<List<Fused>> rankings, int k, int topN) {
		check(k, topN);
		FusedRanking fused = new FusedRanking();
		for (List<Fused> ranking : rankings) {
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < ranking.size(); i++) {
				Fused entry = ranking.get(i);
				if (seen.add(entry.id())) {
					fused.addFused(entry, 1.0 / (k + i + 1));
				}
			}
		}
		return fused.top(topN);
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
	 * {@link #fuseIds} over search results: ranks are positions in the lists (a result's {@code rank} field is
	 * ignored), chunk ids the ids.
	 * @return at most {@code topN} results ranked {@code 1..n}, each with the chunk of its first occurrence
	 * (dense list first)
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, int k, int topN) {
		return Results.fuse(dense, sparse, (denseIds, sparseIds) -> fuseIds(denseIds, sparseIds, k, topN));
	}

	/**
	 * {@link #fuseAllIds} over search results.
	 * @param rankings result lists, each best first; a result's rank is its one-based position in its list
	 * @param k the rank constant, 1 or more
	 * @param topN the most results to return, 1 or more
	 * @return at most {@code topN} results ranked {@code 1..n}, each with the chunk of its first occurrence
	 */
	public static List<SearchResult> fuseAll(List<List<SearchResult>> rankings, int k, int topN) {
		List<List<Fused>> ids = new ArrayList<>(rankings.size());
		for (List<SearchResult> ranking : rankings) {
			ids.add(ranking.stream()
				.map(result -> new Fused(result.chunk().id(), result.score(), result.denseScore(),
						result.sparseScore()))
				.toList());
		}
		return Results.withChunks(fuseAllIds(ids, k, topN), rankings);
	}

	private static void check(int k, int topN) {
		if (k < 1) {
			throw new IllegalArgumentException("k must be >= 1, was " + k);
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
	}

}
