package io.ragwell.query;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Body returned by {@code POST /search}.
 *
 * @param results ranked chunks
 * @param latencyMs wall time spent in the service
 * @param searchMode how the results were retrieved
 */
public record SearchResponse(List<SearchResult> results, long latencyMs, String searchMode) {
}
