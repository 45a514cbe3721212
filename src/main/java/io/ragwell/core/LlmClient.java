package io.ragwell.core;

/**
 * Writes the answer from a question and its numbered context. The offline extractive answerer is the
 * default; OpenAI-compatible endpoints implement the same port.
 */
public interface LlmClient {

	LlmAnswer generate(LlmRequest request);

	/**
	 * Generates while handing each piece of text to {@code onDelta} as it arrives, in order and one at a time;
	 * returns the whole answer, whose text is the pieces concatenated. Providers without streaming emit the
	 * finished text once.
	 * <p>
	 * Cancelling: a caller that no longer wants the answer (its client hung up) interrupts the thread that called
	 * this method. An implementation then stops promptly and fails; a remote one closes its connection, so the
	 * provider stops generating (and billing). An exception thrown by {@code onDelta} ends the call the same way.
	 */
	default LlmAnswer stream(LlmRequest request, java.util.function.Consumer<String> onDelta) {
		LlmAnswer answer = generate(request);
		onDelta.accept(answer.text());
		return answer;
	}

	/**
	 * Follows a free-form instruction (query expansion: "rephrase this question", "write a passage that
	 * answers it") rather than answering from sources. Generative clients send {@code prompt} without their
	 * answering instructions; the default hands it to {@link #generate} as a question with no sources.
	 * @param prompt the whole instruction, input included
	 * @return the completion; its text is the model's raw output
	 */
	default LlmAnswer complete(String prompt) {
		return generate(new LlmRequest(prompt, java.util.List.of(), ""));
	}

	/** {@code extractive}, {@code openai}, … — reported as the answer's {@code mode}. */
	String provider();

	String model();

	Health healthCheck();

}
