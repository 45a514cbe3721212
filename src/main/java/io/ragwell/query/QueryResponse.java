package io.ragwell.query;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Body returned by {@code POST /query}.
 *
 * @param answer the answer; {@code [n]} cites {@code sources[n-1]}
 * @param sources the chunks the answer was built from, in citation order
 * @param latencyMs wall time spent in the service
 * @param tokensUsed tokens read and written by the answerer
 * @param mode how the answer was written: {@code extractive}, {@code openai}, …
 * @param searchMode how the sources were retrieved: dense, sparse or hybrid
 */
public record QueryResponse(String answer, List<SearchResult> sources, long latencyMs, int tokensUsed, String mode,
		String searchMode) {
}
