package io.ragwell.core;

import java.time.Duration;

/**
 * The embedder has more work queued than it accepts, or a request's texts waited past their deadline. The
 * service is overloaded, not the client at fault: rendered as 503 {@code embedding-overloaded} with
 * {@code Retry-After}.
 */
public class EmbeddingOverloadedException extends RuntimeException {

	private final Duration retryAfter;

	public EmbeddingOverloadedException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** When the queue is expected to have room again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
