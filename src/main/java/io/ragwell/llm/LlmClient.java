package io.ragwell.llm;

import io.ragwell.core.Health;

/**
 * Writes the answer from a question and its numbered context. The offline extractive answerer is the
 * default; OpenAI-compatible endpoints implement the same port.
 */
public interface LlmClient {

	LlmAnswer generate(LlmRequest request);

	/** {@code extractive}, {@code openai}, … — reported as the answer's {@code mode}. */
	String provider();

	String model();

	Health healthCheck();

}
