package io.ragwell.query;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /query} and {@code POST /search}.
 *
 * @param query the question
 * @param topK sources wanted (1..{@code ragwell.query.max-top-k}); default {@code ragwell.query.default-top-k}
 * @param filters metadata filter JSON, see {@link io.ragwell.query.filter.FilterParser}
 * @param mode retrieval mode: dense, sparse or hybrid
 */
public record QueryRequest(@Nullable String query, @Nullable Integer topK, @Nullable Object filters,
		@Nullable String mode) {
}
