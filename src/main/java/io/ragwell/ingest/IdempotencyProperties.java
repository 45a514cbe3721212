package io.ragwell.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.idempotency.*}: how {@code Idempotency-Key} headers on {@code POST /documents} are remembered.
 *
 * @param retention how long a key's first response is replayed; after that the key is new again
 * @param inFlightTimeout how long a retry waits (409) for a first request still running; after that the
 * first request is presumed dead and the retry runs it again (document ids derived from the key keep that
 * from duplicating anything)
 * @param maxEntries keys remembered in memory when the store does not keep them (the embedded Lucene index);
 * the oldest are forgotten first
 */
@Validated
@ConfigurationProperties("ragwell.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
		@DefaultValue("10m") Duration inFlightTimeout, @DefaultValue("100000") @Min(1) long maxEntries) {
}
