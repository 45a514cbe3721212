package io.ragwell.query.expand;

import java.util.ArrayList;
import java.util.List;

import io.ragwell.core.SearchMode;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.SearchQuery;
import io.ragwell.query.retrieve.QueryVectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The question and the LLM's paraphrases of it, each searched alike; retrieval fuses the rankings. */
public final class MultiQueryExpansion implements QueryExpander {

	private static final Logger log = LoggerFactory.getLogger(MultiQueryExpansion.class);

	private final ExpansionPrompts prompts;

	private final QueryVectors vectors;

	private final int count;

	/**
	 * @param prompts asks the LLM for the paraphrases
	 * @param vectors embeds each paraphrase as a question
	 * @param count paraphrases asked for, 1 or more
	 */
	public MultiQueryExpansion(ExpansionPrompts prompts, QueryVectors vectors, int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be >= 1 (ragwell.query.expansion-queries), was " + count);
		}
		this.prompts = prompts;
		this.vectors = vectors;
		this.count = count;
	}

	@Override
	public ExpandedQuery expand(QueryPlan plan, float @Nullable [] vector) {
		SearchQuery question = new SearchQuery(plan.query(), vector);
		List<String> paraphrases;
		try {
			paraphrases = this.prompts.paraphrases(plan.query(), this.count);
		}
		catch (RuntimeException ex) {
			return Expansions.failed(log, "multi-query", question, ex);
		}
		List<SearchQuery> queries = new ArrayList<>(paraphrases.size() + 1);
		queries.add(question);
		for (String paraphrase : paraphrases) {
			// A sparse search never needs the model: no embedding for the paraphrases either.
			queries.add(new SearchQuery(paraphrase,
					(plan.mode() == SearchMode.SPARSE) ? null : this.vectors.question(paraphrase)));
		}
		return new ExpandedQuery(queries, List.of(), false);
	}

	@Override
	public String describe() {
		return "multi-query(" + this.count + ')';
	}

}
