package io.ragwell.query.generate;

import java.util.function.Consumer;

import io.ragwell.core.LlmRequest;

/** Writes the answer from the question and its numbered context. The default is {@link LlmAnswerGenerator}. */
public interface AnswerGenerator {

	/**
	 * @param request the question, its embedding and the numbered context
	 * @return the answer, possibly degraded
	 */
	Generation generate(LlmRequest request);

	/**
	 * Generates while handing the text to {@code onDelta} as it is written; the pieces add up to the returned
	 * answer's text. Interrupting the calling thread cancels it (see {@link io.ragwell.core.LlmClient#stream}).
	 * A generator that cannot stream emits its whole answer once.
	 * @param request the question, its embedding and the numbered context
	 * @param onDelta receives the answer's text piece by piece
	 * @return the answer, possibly degraded
	 */
	default Generation stream(LlmRequest request, Consumer<String> onDelta) {
		Generation generation = generate(request);
		onDelta.accept(generation.answer().text());
		return generation;
	}

}
