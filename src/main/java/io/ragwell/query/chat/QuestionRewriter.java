package io.ragwell.query.chat;

import java.util.List;
import java.util.Objects;

/**
 * Turns a chat's last message into a question that stands on its own ("and the males?" after a question about
 * emperor penguins → "How do male emperor penguins keep the eggs warm?"), so retrieval searches for what the user
 * means. The default with a generative LLM is {@link LlmQuestionRewriter}; without one, {@link #unchanged()}.
 */
public interface QuestionRewriter {

	/**
	 * @param conversation the earlier turns and the last question
	 * @return the standalone question, and what the caller should know when rewriting failed
	 */
	Rewritten rewrite(Conversation conversation);

	/** Keeps the question as asked: guessing what a follow-up refers to without a model would mislead retrieval. */
	static QuestionRewriter unchanged() {
		return (conversation) -> new Rewritten(conversation.question(), List.of());
	}

	/**
	 * @param question the question to retrieve for and answer
	 * @param warnings why the question was kept as asked although it had history (rewriting failed)
	 */
	record Rewritten(String question, List<String> warnings) {

		public Rewritten {
			Objects.requireNonNull(question, "question");
			warnings = List.copyOf(warnings);
		}

	}

}
