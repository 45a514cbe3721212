package io.ragwell.rank;

import java.util.List;

import io.ragwell.core.HybridFusion;
import io.ragwell.core.SearchResult;

/** The fusion a {@link HybridFusion} describes: reciprocal rank or weighted relative-score fusion. */
public final class Fusions {

	private Fusions() {
	}

	/**
	 * Fuses two rankings of ids as {@code fusion} describes (its depths are the caller's business: the lists
	 * are fused as given).
	 * @param fusion method, {@code k} and {@code alpha}
	 * @param dense the dense ranking, best first
	 * @param sparse the sparse ranking, best first
	 * @param topN the most entries to return, 1 or more
	 * @return at most {@code topN} entries, best first
	 */
	public static List<Fused> fuseIds(HybridFusion fusion, List<Scored> dense, List<Scored> sparse, int topN) {
		return switch (fusion.method()) {
			case RRF -> ReciprocalRankFusion.fuseIds(dense, sparse, fusion.k(), topN);
			case RELATIVE_SCORE -> RelativeScoreFusion.fuseIds(dense, sparse, fusion.alpha(), topN);
		};
	}

	/** {@link #fuseIds} over search results; see {@link ReciprocalRankFusion#fuse(List, List, int, int)}. */
	public static List<SearchResult> fuse(HybridFusion fusion, List<SearchResult> dense, List<SearchResult> sparse,
			int topN) {
		return Results.fuse(dense, sparse, (denseIds, sparseIds) -> fuseIds(fusion, denseIds, sparseIds, topN));
	}

}
