package io.ragwell.system.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * {@code ragwell.cache.*}.
 *
 * @param enabled whether {@code /query} and {@code /search} responses are cached
 * @param maxResponses responses kept
 * @param responseTtl how long a response is kept; ingest and delete invalidate sooner
 * @param maxEmbeddings query embeddings kept
 * @param embeddingTtl how long a query embedding is kept (it depends only on the model and the text)
 */
@Validated
@ConfigurationProperties("ragwell.cache")
public record CacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("10000") @Min(0) long maxResponses,
		@DefaultValue("10m") Duration responseTtl, @DefaultValue("10000") @Min(0) long maxEmbeddings,
		@DefaultValue("1h") Duration embeddingTtl) {
}
