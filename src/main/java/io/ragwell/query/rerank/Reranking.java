package io.ragwell.query.rerank;

import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.QueryPlan;
import org.jspecify.annotations.Nullable;

/**
 * The rerank stage of the query pipeline: how deep to retrieve, and the candidates cut down to top_k. The null
 * object {@link NoReranking} keeps the retrieval order and retrieves only top_k; {@link RerankerReranking} hands
 * the candidates to the configured {@link Reranker}.
 */
public interface Reranking {

	/** How many candidates to retrieve for a request wanting {@code topK}. */
	int depth(int topK);

	/**
	 * @param namespace tenant partition the candidates came from
	 * @param plan the request; {@code plan.topK()} results are wanted
	 * @param vector the question's embedding, or null when none was computed
	 * @param candidates retrieved results, best first, at most {@link #depth(int)}
	 * @return the results to cite, and a warning when reranking failed
	 */
	Reranked rerank(String namespace, QueryPlan plan, float @Nullable [] vector, List<SearchResult> candidates);

	/** The reranker and its depth, for the response cache key: {@code tei(20)}. */
	String describe();

	/**
	 * @param results best first, at most top_k
	 * @param warnings why the retrieval order was kept; empty when reranking ran
	 * @param failed whether the reranker failed (a transient failure: the response is not cached)
	 */
	record Reranked(List<SearchResult> results, List<String> warnings, boolean failed) {

		public Reranked {
			results = List.copyOf(results);
			warnings = List.copyOf(warnings);
		}

	}

}
