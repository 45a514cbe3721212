package io.ragwell.query.retrieve;

import java.util.ArrayList;
import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.SearchQuery;
import io.ragwell.rank.ReciprocalRankFusion;

/**
 * Each search through {@link HybridRetriever} (dense, BM25 or both fused by the plan's fusion); several searches'
 * rankings fused by reciprocal rank, since their scores, from different queries, are not comparable.
 */
public final class FusingRetriever implements Retriever {

	private final HybridRetriever retriever;

	public FusingRetriever(HybridRetriever retriever) {
		this.retriever = retriever;
	}

	@Override
	public List<SearchResult> retrieve(String namespace, QueryPlan plan, List<SearchQuery> queries, int depth) {
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("queries must hold at least the question");
		}
		List<List<SearchResult>> rankings = new ArrayList<>(queries.size());
		for (SearchQuery query : queries) {
			rankings.add(this.retriever.retrieve(namespace, query.text(), query.vector(), depth, plan.filter(),
					plan.mode(), plan.fusion()));
		}
		return (rankings.size() == 1) ? rankings.get(0)
				: ReciprocalRankFusion.fuseAll(rankings, plan.fusion().rrfK(), depth);
	}

}
