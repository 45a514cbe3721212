package io.ragwell.core;

import org.jspecify.annotations.Nullable;

/**
 * One retrieved chunk with the provenance of its score.
 *
 * @param chunk the chunk
 * @param score the score it was ranked by (rerank score when a reranker ordered the list, else the fused
 * score for hybrid, cosine-derived for dense, BM25 for sparse)
 * @param rank one-based rank in the result list
 * @param denseScore score in the dense list, if it appeared there
 * @param sparseScore score in the BM25 list, if it appeared there
 * @param rerankScore score the reranker gave it, if a reranker ran
 */
public record SearchResult(Chunk chunk, double score, int rank, @Nullable Double denseScore,
		@Nullable Double sparseScore, @Nullable Double rerankScore) {

	/** A result no reranker has seen. */
	public SearchResult(Chunk chunk, double score, int rank, @Nullable Double denseScore,
			@Nullable Double sparseScore) {
		this(chunk, score, rank, denseScore, sparseScore, null);
	}

	public SearchResult withRank(int newRank) {
		return new SearchResult(this.chunk, this.score, newRank, this.denseScore, this.sparseScore, this.rerankScore);
	}

	public SearchResult withScore(double newScore) {
		return new SearchResult(this.chunk, newScore, this.rank, this.denseScore, this.sparseScore, this.rerankScore);
	}

	/**
	 * The same chunk as a reranker placed it. The retrieval score stays in {@code score} only when the reranker
	 * keeps the retrieval order's meaning; rerankers set both so {@code score} always orders the list.
	 * @param newRank one-based rank in the reranked list
	 * @param newRerankScore the reranker's score, which also becomes {@code score}
	 */
	public SearchResult reranked(int newRank, double newRerankScore) {
		return new SearchResult(this.chunk, newRerankScore, newRank, this.denseScore, this.sparseScore,
				newRerankScore);
	}

}
