package io.ragwell.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A call to a remote dependency (LLM, embedding provider, vector database) failed. Adapters translate their
 * transport's failures into this one shape so resilience (retry, circuit breaker) and error mapping are
 * written once. The message never contains credentials or document text.
 */
public class RemoteCallException extends RuntimeException {

	private final String service;

	private final int status;

	private final boolean retryable;

	private final @Nullable String code;

	private final @Nullable Duration retryAfter;

	/**
	 * @param service which dependency: {@code llm}, {@code embedding}, {@code vector-store}
	 * @param message what failed, safe to log
	 * @param status HTTP status when there was one; 0 for I/O errors and timeouts
	 * @param retryable whether the same call can succeed later (I/O, timeouts, 408, 409, 429, 5xx)
	 * @param code the provider's error code, if it sent one
	 * @param retryAfter the delay the provider asked for before a retry, if it sent one
	 * @param cause the underlying failure
	 */
	public RemoteCallException(String service, String message, int status, boolean retryable, @Nullable String code,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.service = service;
		this.status = status;
		this.retryable = retryable;
		this.code = code;
		this.retryAfter = retryAfter;
	}

	public String service() {
		return this.service;
	}

	public int status() {
		return this.status;
	}

	public boolean retryable() {
		return this.retryable;
	}

	public @Nullable String code() {
		return this.code;
	}

	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
