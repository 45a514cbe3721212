package io.ragwell.query.rerank;

import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.QueryPlan;
import org.jspecify.annotations.Nullable;

/**
 * No reranking, the default: retrieval already returns top_k in order, so there is nothing to retrieve beyond
 * it and nothing to reorder.
 */
public final class NoReranking implements Reranking {

	@Override
	public int depth(int topK) {
		return topK;
	}

	@Override
	public Reranked rerank(String namespace, QueryPlan plan, float @Nullable [] vector,
			List<SearchResult> candidates) {
		return new Reranked(candidates, List.of(), false);
	}

	@Override
	public String describe() {
		return "none";
	}

}
