package io.ragwell.query.plan;

import io.ragwell.core.HybridFusion;

/**
 * How one hybrid search fuses its lists and how deep it reads them.
 *
 * @param fusion the fusion function
 * @param alpha dense weight for {@link Fusion#WEIGHTED}, 0 to 1
 * @param rrfK rank constant for {@link Fusion#RRF}, 1 or more
 * @param denseCandidates depth of the dense list, 1 or more
 * @param sparseCandidates depth of the BM25 list, 1 or more
 */
public record FusionSettings(Fusion fusion, double alpha, int rrfK, int denseCandidates, int sparseCandidates) {

	public FusionSettings {
		if (!(alpha >= 0.0 && alpha <= 1.0)) {
			throw new IllegalArgumentException("alpha must be between 0 and 1, was " + alpha);
		}
		if (rrfK < 1) {
			throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
		}
		if (denseCandidates < 1 || sparseCandidates < 1) {
			throw new IllegalArgumentException("candidate depths must be >= 1, were " + denseCandidates + " (dense) and "
					+ sparseCandidates + " (sparse)");
		}
	}

	/** What a hybrid {@code SearchRequest} carries to the store: this fusion and these depths. */
	public HybridFusion hybridFusion() {
		HybridFusion.Method method = switch (this.fusion) {
			case RRF -> HybridFusion.Method.RRF;
			case WEIGHTED -> HybridFusion.Method.RELATIVE_SCORE;
		};
		return new HybridFusion(method, this.rrfK, this.alpha, this.denseCandidates, this.sparseCandidates);
	}

	/** A short stable description, part of response cache keys. */
	public String describe() {
		return switch (this.fusion) {
			case RRF -> "rrf(k=" + this.rrfK + ")";
			case WEIGHTED -> "weighted(alpha=" + this.alpha + ")";
		};
	}

}
