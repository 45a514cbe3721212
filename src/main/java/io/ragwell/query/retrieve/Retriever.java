package io.ragwell.query.retrieve;

import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.SearchQuery;

/**
 * Runs a plan's searches against the store and merges them into one ranking. The default is
 * {@link FusingRetriever}.
 */
public interface Retriever {

	/**
	 * @param namespace tenant partition
	 * @param plan mode, filter and fusion settings
	 * @param queries the question first, then any phrasings expansion added; at least one
	 * @param depth results wanted
	 * @return at most {@code depth} results, best first
	 */
	List<SearchResult> retrieve(String namespace, QueryPlan plan, List<SearchQuery> queries, int depth);

}
