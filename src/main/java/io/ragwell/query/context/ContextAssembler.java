package io.ragwell.query.context;

import java.util.List;

import io.ragwell.core.SearchResult;

/**
 * Turns the cited results into the numbered context the LLM reads; citations refer to its numbering. The default
 * is {@link TokenBudgetContextAssembler}.
 */
public interface ContextAssembler {

	/**
	 * @param results the results to cite, best first
	 * @return the context and the sources it numbers
	 */
	Context assemble(List<SearchResult> results);

}
