package io.ragwell.ingest.chunk;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.chunking.*}.
 *
 * @param maxTokens tokens per chunk; 0 means the embedding model's limit (minus its special tokens)
 * @param overlapTokens tokens repeated from the end of one chunk at the start of the next
 */
@Validated
@ConfigurationProperties("ragwell.chunking")
public record ChunkingProperties(@DefaultValue("0") @Min(0) int maxTokens,
		@DefaultValue("32") @Min(0) int overlapTokens) {
}
