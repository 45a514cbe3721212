package io.ragwell.core;

import java.util.List;
import java.util.Objects;

/**
 * @param question the user's question, standalone (a follow-up already rewritten with its history)
 * @param sources the sources in the context, in citation order: {@code [n]} is {@code sources.get(n - 1)}
 * @param context the numbered context text built within the token budget
 * @param history earlier turns of the conversation, oldest first; empty for a single question. Generative
 * clients send them before the question, so the answer can follow the conversation; the extractive answerer
 * ignores them
 */
public record LlmRequest(String question, List<SearchResult> sources, String context, List<ChatTurn> history) {

	public LlmRequest {
		Objects.requireNonNull(question, "question");
		sources = List.copyOf(sources);
		Objects.requireNonNull(context, "context");
		history = List.copyOf(history);
	}

	/** A single question, without history. */
	public LlmRequest(String question, List<SearchResult> sources, String context) {
		this(question, sources, context, List.of());
	}

}
