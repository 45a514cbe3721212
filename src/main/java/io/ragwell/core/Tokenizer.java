package io.ragwell.core;

import org.jspecify.annotations.Nullable;

/**
 * Counts tokens the way the configured embedding model does: the chunker sizes chunks with it and the query
 * pipeline measures its context budget with it. A role of its own, apart from {@link Embedder}, so code that
 * only counts needs no model and a test fake of one needs no fake of the other. Each embedder's configuration
 * declares the tokenizer that matches it (the ONNX model's WordPiece, the OpenAI embedder's estimate).
 */
@FunctionalInterface
public interface Tokenizer {

	/** Tokens in {@code text} under the model's tokenizer, without special tokens. */
	int countTokens(String text);

	/**
	 * Character offsets of the tokens of {@code text} under the model's tokenizer, without special tokens, as
	 * {@code [start0, end0, start1, end1, ...]} in text order; null when the tokenizer cannot give them. Only
	 * tokenizers that tokenise whitespace-separated words independently (WordPiece) return offsets: the chunker
	 * then counts any whitespace-bounded span of a document from one tokenisation, instead of tokenising every
	 * candidate span again (a third of ingestion's non-model CPU).
	 */
	default int @Nullable [] tokenOffsets(String text) {
		return null;
	}

}
