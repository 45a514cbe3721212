package io.ragwell.embed;

import java.util.List;

import io.ragwell.core.Health;

/**
 * Turns text into L2-normalised vectors. The in-process ONNX model is the default; remote providers
 * implement the same port.
 */
public interface Embedder {

	/** Embeds a passage (a chunk, a sentence). */
	default float[] embed(String text) {
		return embedBatch(List.of(text)).getFirst();
	}

	/**
	 * Embeds a search query. Models trained with an instruction prefix for queries apply it here.
	 */
	default float[] embedQuery(String text) {
		return embed(text);
	}

	/** Embeds passages as one padded model call (or provider request); results are in input order. */
	List<float[]> embedBatch(List<String> texts);

	int dimensions();

	/** Model name as configured, for metrics and health. */
	String modelName();

	/** Tokens in {@code text} under the model's tokenizer, without special tokens. */
	int countTokens(String text);

	/** The longest input, in tokens without special tokens, the model sees without truncation. */
	int maxInputTokens();

	default Health healthCheck() {
		return Health.up(java.util.Map.of("model", modelName(), "dimensions", dimensions()));
	}

}
