package io.ragwell.query.plan;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /query} and {@code POST /search}.
 *
 * @param query the question
 * @param topK sources wanted (1..{@code ragwell.query.max-top-k}); default {@code ragwell.query.default-top-k}
 * @param filters metadata filter JSON, see {@link io.ragwell.query.filter.FilterParser}
 * @param mode retrieval mode: dense, sparse or hybrid
 * @param fusion hybrid fusion: {@code rrf} or {@code weighted}; default {@code ragwell.query.fusion}
 * @param alpha dense weight of weighted fusion, 0 to 1; default {@code ragwell.query.alpha}
 * @param rrfK reciprocal rank fusion constant, 1 to 10000; default {@code ragwell.query.rrf-k}
 */
public record QueryRequest(@Nullable String query, @Nullable Integer topK, @Nullable Object filters,
		@Nullable String mode, @Nullable String fusion, @Nullable Double alpha, @Nullable Integer rrfK) {

	/** A request that leaves fusion to the configuration. */
	public QueryRequest(@Nullable String query, @Nullable Integer topK, @Nullable Object filters,
			@Nullable String mode) {
		this(query, topK, filters, mode, null, null, null);
	}

}
