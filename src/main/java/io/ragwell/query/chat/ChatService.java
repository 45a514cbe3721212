package io.ragwell.query.chat;

import java.util.List;
import java.util.Objects;

import io.ragwell.query.RagService;
import io.ragwell.query.RagService.PendingAnswer;
import io.ragwell.query.plan.QueryRequest;

/**
 * Answers the last question of a conversation through the query pipeline: earlier turns (the most recent, within
 * {@link ChatProperties}) rewrite it into a standalone question, which is what is retrieved for and answered,
 * and go to the LLM as history.
 */
public final class ChatService {

	private final RagService rag;

	private final QuestionRewriter rewriter;

	private final ChatProperties properties;

	public ChatService(RagService rag, QuestionRewriter rewriter, ChatProperties properties) {
		this.rag = rag;
		this.rewriter = rewriter;
		this.properties = properties;
	}

	/**
	 * Retrieves the sources of the conversation's answer; see {@link RagService#prepare}.
	 * @param namespace the caller's tenant namespace
	 * @param conversation the chat
	 * @param settings retrieval settings; its {@code query} is ignored (the question comes from the conversation)
	 * @return the standalone question, warnings from rewriting it, and the pending answer
	 */
	public PendingChat prepare(String namespace, Conversation conversation, QueryRequest settings) {
		Conversation recent = conversation.recent(this.properties.maxHistoryTurns(), this.properties.maxHistoryChars());
		QuestionRewriter.Rewritten rewritten = this.rewriter.rewrite(recent);
		QueryRequest request = new QueryRequest(rewritten.question(), settings.topK(), settings.filters(),
				settings.mode(), settings.fusion(), settings.alpha(), settings.rrfK());
		return new PendingChat(rewritten.question(), rewritten.warnings(),
				this.rag.prepare(namespace, request, recent.history()));
	}

	/**
	 * @param question the standalone question answered
	 * @param warnings what rewriting the question left to say
	 * @param answer the sources and the step that writes the answer
	 */
	public record PendingChat(String question, List<String> warnings, PendingAnswer answer) {

		public PendingChat {
			Objects.requireNonNull(question, "question");
			warnings = List.copyOf(warnings);
			Objects.requireNonNull(answer, "answer");
		}

	}

}
