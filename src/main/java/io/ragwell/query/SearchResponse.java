package io.ragwell.query;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Body returned by {@code POST /search}.
 *
 * @param results ranked chunks
 * @param latencyMs wall time spent in the service for this request
 * @param searchMode how the results were retrieved
 * @param cached whether this response was served from the response cache
 * @param warnings what the caller should know about how the results were produced (a skipped expansion, a
 * failed reranker)
 */
public record SearchResponse(List<SearchResult> results, long latencyMs, String searchMode, boolean cached,
		List<String> warnings) {

	public SearchResponse {
		results = List.copyOf(results);
		warnings = List.copyOf(warnings);
	}

	public SearchResponse(List<SearchResult> results, long latencyMs, String searchMode, boolean cached) {
		this(results, latencyMs, searchMode, cached, List.of());
	}

	SearchResponse servedFromCache(long latency) {
		return new SearchResponse(this.results, latency, this.searchMode, true, this.warnings);
	}

}
