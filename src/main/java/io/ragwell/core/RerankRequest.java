package io.ragwell.core;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * @param namespace tenant partition the candidates came from (MMR reads their vectors there)
 * @param query the question as the user asked it
 * @param queryVector the question's embedding, when already computed; rerankers that need it and find none
 * embed the question themselves
 * @param candidates retrieved results, best first
 * @param topN results wanted, 1 or more
 */
public record RerankRequest(String namespace, String query, float @Nullable [] queryVector,
		List<SearchResult> candidates, int topN) {

	public RerankRequest {
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(query, "query");
		candidates = List.copyOf(candidates);
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
	}

}
