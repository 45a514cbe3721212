package io.ragwell.query;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Body returned by {@code POST /query}.
 *
 * @param answer the answer; {@code [n]} cites {@code sources[n-1]}
 * @param sources the chunks the answer was built from, in citation order
 * @param latencyMs wall time spent in the service for this request
 * @param tokensUsed tokens read and written by the answerer
 * @param mode how the answer was written: {@code extractive}, {@code openai}, …
 * @param searchMode how the sources were retrieved: dense, sparse or hybrid
 * @param cached whether this response was served from the response cache
 * @param degraded whether the configured LLM failed and the extractive answerer stood in
 * @param warnings what the caller should know about how this answer was produced
 */
public record QueryResponse(String answer, List<SearchResult> sources, long latencyMs, int tokensUsed, String mode,
		String searchMode, boolean cached, boolean degraded, List<String> warnings) {

	public QueryResponse {
		sources = List.copyOf(sources);
		warnings = List.copyOf(warnings);
	}

	QueryResponse servedFromCache(long latency) {
		return new QueryResponse(this.answer, this.sources, latency, this.tokensUsed, this.mode, this.searchMode, true,
				this.degraded, this.warnings);
	}

}
