package io.ragwell.query.expand;

import java.util.List;

import io.ragwell.query.plan.SearchQuery;

/**
 * What expansion hands to retrieval.
 *
 * @param queries the searches to run, at least one; multi-query puts the question first
 * @param warnings why expansion was skipped or failed; empty when it ran
 * @param failed whether an LLM call failed (a transient failure: the response is not cached)
 */
public record ExpandedQuery(List<SearchQuery> queries, List<String> warnings, boolean failed) {

	public ExpandedQuery {
		queries = List.copyOf(queries);
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("an expansion yields at least one query: the question itself");
		}
		warnings = List.copyOf(warnings);
	}

	/** The question alone, as asked. */
	static ExpandedQuery unexpanded(SearchQuery question) {
		return new ExpandedQuery(List.of(question), List.of(), false);
	}

	/** The question alone, with the warning that says why. */
	static ExpandedQuery skipped(SearchQuery question, String warning) {
		return new ExpandedQuery(List.of(question), List.of(warning), false);
	}

}
