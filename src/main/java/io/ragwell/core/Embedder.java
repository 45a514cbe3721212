package io.ragwell.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Embeds passages for bulk work (ingestion) as one padded model call (or provider request); results are in
	 * input order. An in-process embedder serves {@link Priority#INTERACTIVE} work ahead of this.
	 */
	List<float[]> embedBatch(List<String> texts);

	/**
	 * Embeds passages someone waits for, at {@code priority}. {@link #embed} and {@link #embedQuery} are
	 * {@link Priority#INTERACTIVE}, {@link #embedBatch(List)} is {@link Priority#BULK}; an embedder without
	 * its own queue ignores the difference.
	 */
	default List<float[]> embedBatch(List<String> texts, Priority priority) {
		return embedBatch(texts);
	}

	/**
	 * Embeds passages for ingestion as {@link #embedBatch(List)} does and, from the same model call, a vector for
	 * each given character span of each text: the token states the model computed for the whole text, pooled
	 * over the span's tokens and L2-normalised. Spans so get contextual vectors at no extra model call. Null when
	 * this embedder cannot (a remote provider returns one vector per text); callers then do without. For no texts
	 * an embedder that can answers an empty list without any work, so callers may ask with empty lists whether it
	 * can.
	 * @param texts the passages
	 * @param spans per text, {@code [start0, end0, start1, end1, ...]} character offsets into it
	 * @return per text, in input order, its vector and its spans' vectors
	 */
	default @Nullable List<WithSpans> embedBatchWithSpans(List<String> texts, List<int[]> spans) {
		return null;
	}

	int dimensions();

	/** Model name as configured, for metrics and health. */
	String modelName();

	/** The longest input, in tokens without special tokens, the model sees without truncation. */
	int maxInputTokens();

	default Health healthCheck() {
		return Health.up(java.util.Map.of("model", modelName(), "dimensions", dimensions()));
	}

	/**
	 * A text's vector and its spans' vectors.
	 * @param vector the text's vector, exactly what {@link #embedBatch(List)} returns for it
	 * @param spans one vector per span in the order given; empty (length 0) for a span none of whose tokens the
	 *     model saw
	 */
	record WithSpans(float[] vector, float[][] spans) {
	}

	/** Who waits for an embedding, which decides its place in a shared model queue. */
	enum Priority {

		/** A question's own embedding (one short text a user waits on): started before any other text. */
		INTERACTIVE,

		/**
		 * Many texts a user waits on (the sentences an extractive answer is built from): after every waiting
		 * question, so one request's answer never delays another's search, and before ingestion.
		 */
		ANSWER,

		/** Ingestion: served when no question or answer text waits. */
		BULK

	}

}
