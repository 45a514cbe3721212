package io.ragwell.query.cache;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.cache.*}.
 *
 * @param enabled whether {@code /query} and {@code /search} responses are cached
 * @param maxResponseBytes bytes of responses kept, each weighed as its serialised JSON (an entry count would
 * not bound memory: 10,000 responses of {@code top_k} 50 can hold over 1 GB)
 * @param responseTtl how long a response is kept; ingest and delete invalidate sooner
 * @param maxEmbeddings query embeddings kept
 * @param embeddingTtl how long a query embedding is kept (it depends only on the model and the text)
 */
@Validated
@ConfigurationProperties("ragwell.cache")
public record CacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("64MB") DataSize maxResponseBytes,
		@DefaultValue("10m") Duration responseTtl, @DefaultValue("10000") @Min(0) long maxEmbeddings,
		@DefaultValue("1h") Duration embeddingTtl) {
}
