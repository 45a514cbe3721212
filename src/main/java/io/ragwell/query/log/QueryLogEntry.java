package io.ragwell.query.log;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.RetrievalSettings;

/**
 * One answered question as the query log keeps it: the question and ids only, never the sources' text.
 *
 * @param queryId the response's {@code query_id}
 * @param namespace tenant namespace it was asked in
 * @param question the question as retrieved for (sanitised)
 * @param settings the retrieval settings it ran with (request overrides and tuned settings applied)
 * @param sources the returned sources in order: chunk id and document id
 * @param at when it was answered
 */
public record QueryLogEntry(String queryId, String namespace, String question, RetrievalSettings settings,
		List<Source> sources, Instant at) {

	public QueryLogEntry {
		Objects.requireNonNull(queryId, "queryId");
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(question, "question");
		Objects.requireNonNull(settings, "settings");
		sources = List.copyOf(sources);
		Objects.requireNonNull(at, "at");
	}

	/**
	 * @param chunkId the source chunk's id
	 * @param documentId its document's id
	 */
	public record Source(String chunkId, String documentId) {
	}

	/** The entry for a response to {@code plan} with {@code sources}. */
	public static QueryLogEntry of(String queryId, String namespace, QueryPlan plan, List<SearchResult> sources) {
		return new QueryLogEntry(queryId, namespace, plan.query(), RetrievalSettings.of(plan.mode(), plan.fusion()),
				sources.stream().map(s -> new Source(s.chunk().id(), s.chunk().documentId())).toList(), Instant.now());
	}

}
