package io.ragwell.ops.resilience;

import java.time.Duration;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;

/**
 * The wait before the next attempt: what the provider asked for in {@code Retry-After} when it said, else
 * the configured exponential backoff with jitter. Providers compute that delay from their actual rate-limit
 * window, so honouring it beats guessing, and retrying sooner would only earn another 429.
 * <p>
 * Delays above the cap never reach this function: {@link RetryableFailure} refuses to retry them.
 */
final class RetryAfterInterval implements IntervalBiFunction<Object> {

	private final IntervalBiFunction<Object> backoff;

	private final Duration maxRetryAfter;

	RetryAfterInterval(IntervalBiFunction<Object> backoff, Duration maxRetryAfter) {
		this.backoff = backoff;
		this.maxRetryAfter = maxRetryAfter;
	}

	@Override
	public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
		Duration retryAfter = outcome.isLeft() ? RetryableFailure.retryAfter(outcome.getLeft()) : null;
		if (retryAfter != null) {
			Duration wait = (retryAfter.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : retryAfter;
			// Rounded up: waiting a fraction of a millisecond too little can earn another 429.
			return (wait.toNanos() + 999_999) / 1_000_000;
		}
		return this.backoff.apply(attempt, outcome);
	}

}
