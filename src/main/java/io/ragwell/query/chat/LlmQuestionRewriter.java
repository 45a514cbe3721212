package io.ragwell.query.chat;

import java.util.List;

import io.ragwell.core.ChatTurn;
import io.ragwell.core.LlmClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the LLM to rewrite a follow-up into a standalone question. A question without history is kept as it is
 * (no call); a failed call, or a reply that is empty or too long to be a question, keeps it too, with a warning:
 * the chat still gets an answer, to the question as asked.
 */
public final class LlmQuestionRewriter implements QuestionRewriter {

	private static final Logger log = LoggerFactory.getLogger(LlmQuestionRewriter.class);

	public static final String FAILED_WARNING = "The follow-up question could not be rewritten with the"
			+ " conversation; it was answered as asked.";

	private final LlmClient llm;

	private final int maxQuestionChars;

	/**
	 * @param llm the configured (composed) LLM
	 * @param maxQuestionChars longest question the pipeline accepts; a longer rewrite is not used
	 */
	public LlmQuestionRewriter(LlmClient llm, int maxQuestionChars) {
		this.llm = llm;
		this.maxQuestionChars = maxQuestionChars;
	}

	@Override
	public Rewritten rewrite(Conversation conversation) {
		if (conversation.history().isEmpty()) {
			return new Rewritten(conversation.question(), List.of());
		}
		try {
			String reply = this.llm.complete(prompt(conversation)).text();
			String question = parse(reply);
			if (question.isEmpty() || question.length() > this.maxQuestionChars) {
				log.warn("question rewrite unusable chars={}", question.length());
				return new Rewritten(conversation.question(), List.of(FAILED_WARNING));
			}
			return new Rewritten(question, List.of());
		}
		catch (RuntimeException ex) {
			log.warn("question rewrite failed cause={}", ex.getClass().getSimpleName());
			return new Rewritten(conversation.question(), List.of(FAILED_WARNING));
		}
	}

	/** The instruction: the conversation, the follow-up, and "answer with the question only". */
	public static String prompt(Conversation conversation) {
		StringBuilder prompt = new StringBuilder("Rewrite the follow-up question below as a standalone question that"
				+ " can be understood without the conversation: replace pronouns and ellipses with what they refer"
				+ " to. Keep its language and meaning, do not answer it, and write only the question.\n\n"
				+ "Conversation:\n");
		for (ChatTurn turn : conversation.history()) {
			prompt.append(turn.role() == ChatTurn.Role.USER ? "User: " : "Assistant: ")
				.append(turn.content().strip())
				.append('\n');
		}
		return prompt.append("\nFollow-up question: ")
			.append(conversation.question().strip())
			.append("\nStandalone question:")
			.toString();
	}

	/** The reply's first non-blank line, without a label or quotes a model may add around it. */
	static String parse(String reply) {
		String line = reply.strip().lines().map(String::strip).filter((l) -> !l.isEmpty()).findFirst().orElse("");
		if (line.regionMatches(true, 0, "Standalone question:", 0, 20)) {
			line = line.substring(20).strip();
		}
		if (line.length() >= 2 && (line.startsWith("\"") && line.endsWith("\"")
				|| line.startsWith("\u201c") && line.endsWith("\u201d"))) {
			line = line.substring(1, line.length() - 1).strip();
		}
		return line;
	}

}
