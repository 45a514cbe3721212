package io.ragwell.query.context;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import io.ragwell.core.SearchResult;

/** Packs retrieved chunks into a numbered context within a token budget. */
public final class ContextBuilder {

	private ContextBuilder() {
	}

	/**
	 * Takes results in rank order while they fit; a result that does not fit is skipped so a smaller one
	 * further down may still be used. Numbering follows inclusion, so citations stay contiguous.
	 * @param results retrieved chunks, best first
	 * @param maxTokens budget for the chunks' content
	 * @param tokenCounter counts tokens the way the model that reads the context would (approximately)
	 * @return the context; empty text and no sources when nothing fits
	 */
	public static Context build(List<SearchResult> results, int maxTokens, ToIntFunction<String> tokenCounter) {
		List<SearchResult> included = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		int used = 0;
		for (SearchResult result : results) {
			int tokens = result.chunk().tokenCount() > 0 ? result.chunk().tokenCount()
					: tokenCounter.applyAsInt(result.chunk().content());
			if (used + tokens > maxTokens) {
				continue;
			}
			used += tokens;
			int number = included.size() + 1;
			included.add(result.withRank(number));
			if (!text.isEmpty()) {
				text.append("\n\n");
			}
			text.append('[').append(number).append("] ");
			String source = result.chunk().source();
			if (source != null) {
				text.append("(").append(source).append(") ");
			}
			text.append(result.chunk().content());
		}
		return new Context(text.toString(), included, used);
	}

}
