package io.ragwell.eval;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /evaluations}.
 *
 * @param queries judged queries to run against the caller's namespace
 * @param mode retrieval mode: dense, sparse or hybrid; default {@code ragwell.query.default-mode}
 * @param topK documents ranked per query (1..1000, default 100): recall@100 needs 100
 */
public record EvaluationRequest(@Nullable List<Query> queries, @Nullable String mode, @Nullable Integer topK) {

	/**
	 * @param id query id, echoed in the per-query scores
	 * @param query the query text
	 * @param relevant relevance grade per document id; at least one positive
	 */
	public record Query(@Nullable String id, @Nullable String query, @Nullable Map<String, Integer> relevant) {
	}

}
