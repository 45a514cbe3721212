package io.ragwell.core;

import java.util.Objects;

/**
 * How a {@link SearchMode#HYBRID} search makes one ranking of its dense and sparse lists, and how deep it reads
 * each. A description, not the function: the functions live in {@code rank}, and a store with a native hybrid
 * query (Weaviate) may fuse its own way.
 *
 * @param method how the two lists are fused
 * @param k the rank constant of {@link Method#RRF}, 1 or more
 * @param alpha the dense weight of {@link Method#RELATIVE_SCORE}, 0 to 1 (1: dense alone, 0: sparse alone)
 * @param denseDepth how many dense (vector) results are fused, 1 or more
 * @param sparseDepth how many sparse (BM25) results are fused, 1 or more
 */
public record HybridFusion(Method method, int k, double alpha, int denseDepth, int sparseDepth) {

	/** The RRF constant from the original paper (Cormack, Clarke and Büttcher, 2009). */
	public static final int DEFAULT_RRF_K = 60;

	/** How the two lists become one. */
	public enum Method {

		/** Reciprocal rank fusion: ranks only, {@code sum 1 / (k + rank)}. */
		RRF,
		/** Weighted relative-score fusion: min-max normalised scores mixed by {@code alpha}. */
		RELATIVE_SCORE

	}

	public HybridFusion {
		Objects.requireNonNull(method, "method");
		if (k < 1) {
			throw new IllegalArgumentException("k must be >= 1, was " + k);
		}
		if (!(alpha >= 0.0 && alpha <= 1.0)) {
			throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
		}
		if (denseDepth < 1 || sparseDepth < 1) {
			throw new IllegalArgumentException(
					"depths must be >= 1, were " + denseDepth + " (dense) and " + sparseDepth + " (sparse)");
		}
	}

	/** Reciprocal rank fusion with constant {@code k} over lists {@code depth} deep. */
	public static HybridFusion rrf(int k, int depth) {
		return new HybridFusion(Method.RRF, k, 0.5, depth, depth);
	}

	/** The same fusion with each list read at least {@code depth} deep. */
	public HybridFusion atLeast(int depth) {
		if (this.denseDepth >= depth && this.sparseDepth >= depth) {
			return this;
		}
		return new HybridFusion(this.method, this.k, this.alpha, Math.max(this.denseDepth, depth),
				Math.max(this.sparseDepth, depth));
	}

}
