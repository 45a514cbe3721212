package io.ragwell.core;

/**
 * @param text the answer, citing sources as {@code [n]}
 * @param promptTokens tokens read (the prompt, or for the extractive answerer the context it scanned)
 * @param completionTokens tokens written
 */
public record LlmAnswer(String text, int promptTokens, int completionTokens) {

	public int totalTokens() {
		return this.promptTokens + this.completionTokens;
	}

}
