package io.ragwell.ingest;

/**
 * An {@code Idempotency-Key} that cannot be used for this request now: it was first used with another request
 * body ({@link Reason#REUSED}, 422), or its first request is still running ({@link Reason#IN_FLIGHT}, 409).
 */
public final class IdempotencyConflictException extends RuntimeException {

	public enum Reason {

		/** The key belongs to a different request body: a client bug, never retryable. */
		REUSED,

		/** The first request with this key has not finished: retry shortly. */
		IN_FLIGHT

	}

	private final Reason reason;

	IdempotencyConflictException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
