package io.ragwell.query.chat;

import java.util.List;
import java.util.Objects;

import io.ragwell.core.ChatTurn;

/**
 * A chat as the pipeline sees it.
 *
 * @param history the earlier user and assistant turns, oldest first
 * @param question the last user message: what to answer
 */
public record Conversation(List<ChatTurn> history, String question) {

	public Conversation {
		history = List.copyOf(history);
		Objects.requireNonNull(question, "question");
	}

	/**
	 * The most recent turns within the budgets, oldest first: the older a turn, the less it says about the
	 * question, and a client that resends a long chat must not make every call cost more without bound.
	 * @param maxTurns turns kept at most
	 * @param maxChars characters of kept turns at most; a turn that would exceed it is dropped with all older ones
	 */
	public Conversation recent(int maxTurns, int maxChars) {
		int chars = 0;
		int from = this.history.size();
		while (from > 0 && this.history.size() - from < maxTurns) {
			int length = this.history.get(from - 1).content().length();
			if (chars + length > maxChars) {
				break;
			}
			chars += length;
			from--;
		}
		return new Conversation(this.history.subList(from, this.history.size()), this.question);
	}

}
