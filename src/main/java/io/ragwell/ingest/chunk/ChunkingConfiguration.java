package io.ragwell.ingest.chunk;

import io.ragwell.core.Embedder;
import io.ragwell.core.Tokenizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token-aware chunker, sized to the configured embedding model. */
@Configuration(proxyBeanMethods = false)
public class ChunkingConfiguration {

	/**
	 * Counts tokens with the tokenizer that matches the embedding model. Fails startup when the overlap does not fit in a
	 * chunk, or when chunks would be longer than the model reads (the excess would be silently truncated).
	 */
	@Bean
	TokenAwareChunker chunker(ChunkingProperties properties, Embedder embedder, Tokenizer tokenizer) {
		int modelLimit = embedder.maxInputTokens();
		int maxTokens = (properties.maxTokens() > 0) ? properties.maxTokens() : modelLimit;
		if (maxTokens > modelLimit) {
			throw new IllegalArgumentException("ragwell.chunking.max-tokens (" + maxTokens + ") exceeds what "
					+ embedder.modelName() + " reads (" + modelLimit + " tokens); use at most " + modelLimit
					+ ", or 0 for the model's limit");
		}
		if (properties.overlapTokens() >= maxTokens) {
			throw new IllegalArgumentException("ragwell.chunking.overlap-tokens (" + properties.overlapTokens()
					+ ") must be smaller than the chunk size (" + maxTokens + " tokens)");
		}
		return new TokenAwareChunker(tokenizer::countTokens, tokenizer::tokenOffsets, maxTokens, properties.overlapTokens());
	}

}
