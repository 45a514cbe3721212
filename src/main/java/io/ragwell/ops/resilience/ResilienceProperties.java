package io.ragwell.ops.resilience;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ragwell.resilience.*}: our settings on top of the {@code resilience4j.*} instances.
 *
 * @param maxRetryAfter the longest {@code Retry-After} (or {@code retry-after-ms}) a provider may ask for and
 * still be retried after that wait. A longer one fails the call at once: waiting minutes would hold a request
 * thread (and the caller) far longer than an error and a fallback answer would.
 */
@ConfigurationProperties("ragwell.resilience")
public record ResilienceProperties(@DefaultValue("30s") Duration maxRetryAfter) {

}
