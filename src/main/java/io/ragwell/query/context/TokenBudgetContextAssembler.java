package io.ragwell.query.context;

import java.util.List;
import java.util.function.ToIntFunction;

import io.ragwell.core.SearchResult;

/** Packs results in rank order within a token budget ({@link ContextBuilder#build}). */
public final class TokenBudgetContextAssembler implements ContextAssembler {

	private final int maxTokens;

	private final ToIntFunction<String> tokenCounter;

	/**
	 * @param maxTokens budget for the sources' content, 1 or more ({@code ragwell.query.context-max-tokens})
	 * @param tokenCounter counts tokens the way the model that reads the context would (approximately)
	 */
	public TokenBudgetContextAssembler(int maxTokens, ToIntFunction<String> tokenCounter) {
		if (maxTokens < 1) {
			throw new IllegalArgumentException(
					"maxTokens must be >= 1 (ragwell.query.context-max-tokens), was " + maxTokens);
		}
		this.maxTokens = maxTokens;
		this.tokenCounter = tokenCounter;
	}

	@Override
	public Context assemble(List<SearchResult> results) {
		return ContextBuilder.build(results, this.maxTokens, this.tokenCounter);
	}

}
