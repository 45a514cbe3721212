package io.ragwell.query.generate;

import io.ragwell.core.LlmRequest;

/** Writes the answer from the question and its numbered context. The default is {@link LlmAnswerGenerator}. */
public interface AnswerGenerator {

	/**
	 * @param request the question, its embedding and the numbered context
	 * @return the answer, possibly degraded
	 */
	Generation generate(LlmRequest request);

}
