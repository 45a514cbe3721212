package io.ragwell.query.expand;

import io.ragwell.core.LlmClient;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.retrieve.QueryVectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the question into the searches to run: itself ({@link NoExpansion}, the default), itself and the LLM's
 * paraphrases ({@link MultiQueryExpansion}), or itself with a hypothetical answer's embedding
 * ({@link HydeExpansion}). Expansion is an improvement, not a requirement: when its LLM call fails the question
 * is searched alone and the result says so.
 */
public interface QueryExpander {

	/**
	 * @param plan the validated request
	 * @param vector the question's embedding, or null for a sparse search
	 * @return the searches, never none
	 */
	ExpandedQuery expand(QueryPlan plan, float @Nullable [] vector);

	/** The expansion and its settings, for the response cache key: {@code multi-query(3)}. */
	String describe();

	/**
	 * The expander {@code ragwell.query.expansion} asks for. Both expansions need a generative LLM: under the
	 * extractive answerer they are skipped, with a warning on every response.
	 * @param expansion the configured expansion
	 * @param queries paraphrases multi-query asks for
	 * @param llm the answerer, which writes the paraphrases or the passage
	 * @param vectors embeds paraphrases and passages
	 */
	static QueryExpander configured(Expansion expansion, int queries, LlmClient llm, QueryVectors vectors) {
		String described = expansion.label() + '(' + queries + ')';
		if (expansion != Expansion.NONE && "extractive".equals(llm.provider())) {
			return new NoExpansion(described, "Query expansion (" + expansion.label() + ") needs a generative LLM and"
					+ " was skipped: the configured answerer is extractive.");
		}
		ExpansionPrompts prompts = new ExpansionPrompts(llm);
		return switch (expansion) {
			case NONE -> new NoExpansion(described, null);
			case MULTI_QUERY -> new MultiQueryExpansion(prompts, vectors, queries);
			case HYDE -> new HydeExpansion(prompts, vectors, queries);
		};
	}

}
