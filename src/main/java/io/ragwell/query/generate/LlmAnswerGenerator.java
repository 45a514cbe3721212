package io.ragwell.query.generate;

import java.util.List;
import java.util.function.Consumer;

import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.llm.FallbackLlmClient;

/**
 * Generates with an {@link LlmClient}. Behind a {@link FallbackLlmClient} a failed LLM yields the fallback's
 * answer, reported as degraded with the decorator's warning; any other client's failure fails the request.
 */
public final class LlmAnswerGenerator implements AnswerGenerator {

	private final LlmClient llm;

	/** @param llm the answerer: a {@link FallbackLlmClient}, or one with nothing to fall back to */
	public LlmAnswerGenerator(LlmClient llm) {
		this.llm = llm;
	}

	@Override
	public Generation generate(LlmRequest request) {
		if (this.llm instanceof FallbackLlmClient fallback) {
			FallbackLlmClient.Answered answered = fallback.answer(request);
			return new Generation(answered.answer(), answered.provider(), answered.degraded(), answered.warnings());
		}
		LlmAnswer answer = this.llm.generate(request);
		return new Generation(answer, this.llm.provider(), false, List.of());
	}

	/** Falls back as {@link FallbackLlmClient#answerStreaming} does: only before the first piece of text. */
	@Override
	public Generation stream(LlmRequest request, Consumer<String> onDelta) {
		if (this.llm instanceof FallbackLlmClient fallback) {
			FallbackLlmClient.Answered answered = fallback.answerStreaming(request, onDelta);
			return new Generation(answered.answer(), answered.provider(), answered.degraded(), answered.warnings());
		}
		LlmAnswer answer = this.llm.stream(request, onDelta);
		return new Generation(answer, this.llm.provider(), false, List.of());
	}

}
