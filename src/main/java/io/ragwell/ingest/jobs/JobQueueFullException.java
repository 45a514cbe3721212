package io.ragwell.ingest.jobs;

import java.time.Duration;

/** The job queue or its spool is full: 429 with {@code Retry-After}. Nothing was written. */
public class JobQueueFullException extends RuntimeException {

	private final Duration retryAfter;

	public JobQueueFullException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
