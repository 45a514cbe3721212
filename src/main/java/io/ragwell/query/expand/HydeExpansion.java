package io.ragwell.query.expand;

import java.util.List;

import io.ragwell.core.SearchMode;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.SearchQuery;
import io.ragwell.query.retrieve.QueryVectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hypothetical answer's embedding replaces the question's on the dense side; BM25 keeps the question. The
 * passage is embedded as a document, not as a query: it stands in for one.
 */
public final class HydeExpansion implements QueryExpander {

	private static final Logger log = LoggerFactory.getLogger(HydeExpansion.class);

	static final String SPARSE_WARNING = "Query expansion (hyde) changes only the dense search and was skipped for"
			+ " a sparse search.";

	private final ExpansionPrompts prompts;

	private final QueryVectors vectors;

	/** Reported in the cache key as multi-query's count is, though HyDE writes one passage. */
	private final int queries;

	/**
	 * @param prompts asks the LLM for the passage
	 * @param vectors embeds the passage
	 * @param queries {@code ragwell.query.expansion-queries}, part of {@link #describe()} only
	 */
	public HydeExpansion(ExpansionPrompts prompts, QueryVectors vectors, int queries) {
		this.prompts = prompts;
		this.vectors = vectors;
		this.queries = queries;
	}

	@Override
	public ExpandedQuery expand(QueryPlan plan, float @Nullable [] vector) {
		SearchQuery question = new SearchQuery(plan.query(), vector);
		if (plan.mode() == SearchMode.SPARSE) {
			return ExpandedQuery.skipped(question, SPARSE_WARNING);
		}
		String passage;
		try {
			passage = this.prompts.hypotheticalPassage(plan.query());
		}
		catch (RuntimeException ex) {
			return Expansions.failed(log, "hyde", question, ex);
		}
		if (passage.isBlank()) {
			return Expansions.failed(log, "hyde", question, new IllegalStateException("the LLM wrote no passage"));
		}
		return new ExpandedQuery(List.of(new SearchQuery(plan.query(), this.vectors.passage(passage))), List.of(),
				false);
	}

	@Override
	public String describe() {
		return "hyde(" + this.queries + ')';
	}

}
