package io.ragwell.core;

import java.util.Objects;

/**
 * One earlier turn of a conversation, handed to the LLM as history before the question it answers.
 *
 * @param role who said it
 * @param content what was said, as plain text
 */
public record ChatTurn(Role role, String content) {

	public ChatTurn {
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(content, "content");
	}

	/** The two voices of a conversation with the service; system instructions are the service's own. */
	public enum Role {

		USER, ASSISTANT;

		/** The role's name on the OpenAI wire: {@code user}, {@code assistant}. */
		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
