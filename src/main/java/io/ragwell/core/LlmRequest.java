package io.ragwell.core;

import java.util.List;
import java.util.Objects;

/**
 * @param question the user's question
 * @param sources the sources in the context, in citation order: {@code [n]} is {@code sources.get(n - 1)}
 * @param context the numbered context text built within the token budget
 */
public record LlmRequest(String question, List<SearchResult> sources, String context) {

	public LlmRequest {
		Objects.requireNonNull(question, "question");
		sources = List.copyOf(sources);
		Objects.requireNonNull(context, "context");
	}

}
