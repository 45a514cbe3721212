package io.ragwell.ops.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.ragwell.core.RemoteCallException;
import org.jspecify.annotations.Nullable;

/**
 * Whether a failed call is worth another attempt: only what can succeed on retry. The adapters already
 * decide for their own failures ({@link RemoteCallException#retryable()}: I/O errors, timeouts, 408, 409, 429
 * and 5xx yes; other 4xx and an {@code insufficient_quota} 429 no); raw I/O errors and the time limiter's
 * {@link TimeoutException} are retried too. Everything else, programming errors included, is not.
 * <p>
 * A failure whose {@code Retry-After} exceeds {@code maxRetryAfter} is not retried either: waiting that long
 * would block the request, and the caller is better served by an error (or a fallback answer) now.
 */
public final class RetryableFailure implements Predicate<Throwable> {

	/** Wrapping depth we look through for an {@link IOException} (e.g. inside an {@code UncheckedIOException}). */
	private static final int MAX_CAUSE_DEPTH = 5;

	private final Duration maxRetryAfter;

	public RetryableFailure(Duration maxRetryAfter) {
		this.maxRetryAfter = maxRetryAfter;
	}

	@Override
	public boolean test(Throwable failure) {
		if (!isTransient(failure)) {
			return false;
		}
		Duration retryAfter = retryAfter(failure);
		return retryAfter == null || retryAfter.compareTo(this.maxRetryAfter) <= 0;
	}

	/**
	 * Whether the failure says the dependency itself is unhealthy (overloaded, down, slow, unreachable), as
	 * opposed to our request being wrong: the circuit breaker counts only these, so a run of 400s from bad
	 * prompts never opens the circuit for everyone.
	 */
	public static boolean isTransient(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			if (current instanceof RemoteCallException remote) {
				// The adapter knows its protocol best; its verdict wins over any cause it wraps.
				return remote.retryable();
			}
			if (current instanceof IOException || current instanceof TimeoutException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	/** The delay the provider asked for, if the failure carries one. */
	static @Nullable Duration retryAfter(@Nullable Throwable failure) {
		return (failure instanceof RemoteCallException remote) ? remote.retryAfter() : null;
	}

}
