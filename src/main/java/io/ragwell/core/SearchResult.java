package io.ragwell.core;

import org.jspecify.annotations.Nullable;

/**
 * One retrieved chunk with the provenance of its score.
 *
 * @param chunk the chunk
 * @param score the score it was ranked by (fused score for hybrid, cosine-derived for dense, BM25 for sparse)
 * @param rank one-based rank in the result list
 * @param denseScore score in the dense list, if it appeared there
 * @param sparseScore score in the BM25 list, if it appeared there
 */
public record SearchResult(Chunk chunk, double score, int rank, @Nullable Double denseScore,
		@Nullable Double sparseScore) {

	public SearchResult withRank(int newRank) {
		return new SearchResult(this.chunk, this.score, newRank, this.denseScore, this.sparseScore);
	}

	public SearchResult withScore(double newScore) {
		return new SearchResult(this.chunk, newScore, this.rank, this.denseScore, this.sparseScore);
	}

}
