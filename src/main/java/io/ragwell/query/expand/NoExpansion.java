package io.ragwell.query.expand;

import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.SearchQuery;
import org.jspecify.annotations.Nullable;

/** The question as asked: the default, and what a configured expansion becomes when it cannot run at all. */
public final class NoExpansion implements QueryExpander {

	private final String described;

	private final @Nullable String warning;

	/** No expansion configured. */
	public NoExpansion() {
		this("none", null);
	}

	/**
	 * @param described what {@link #describe()} reports (the configured expansion, when it is skipped)
	 * @param warning added to every result when a configured expansion is skipped, or null
	 */
	NoExpansion(String described, @Nullable String warning) {
		this.described = described;
		this.warning = warning;
	}

	@Override
	public ExpandedQuery expand(QueryPlan plan, float @Nullable [] vector) {
		SearchQuery question = new SearchQuery(plan.query(), vector);
		return (this.warning != null) ? ExpandedQuery.skipped(question, this.warning)
				: ExpandedQuery.unexpanded(question);
	}

	@Override
	public String describe() {
		return this.described;
	}

}
