package io.ragwell.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A call to a remote dependency (LLM, embedding provider, vector database) failed. Adapters translate their
 * transport's failures into this one shape so resilience (retry, circuit breaker) and error mapping are
 * written once. The message never contains credentials or document text.
 */
public class RemoteCallException extends RuntimeException {

	private final String message;

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
		this.message = message;
		this.service = service;
		this.status = status;
		this.retryable = retryable;
		this.code = code;
		this.retryAfter = retryAfter;
	}

	/** What failed, safe to log: never null, every constructor takes one. */
	@Override
	public String getMessage() {
		return this.message;
	}

	/**
	 * The one rule for which HTTP statuses are worth another try: 408 (request timeout), 409 (conflict, e.g. a
	 * version conflict), 429 (rate limited) and every 5xx. Every adapter's status mapping goes through here.
	 * @param status an HTTP status
	 * @return whether the same call can succeed later
	 */
	public static boolean retryableStatus(int status) {
		return status == 408 || status == 409 || status == 429 || status >= 500;
	}

	/**
	 * A non-2xx answer, retryable by {@link #retryableStatus(int)}.
	 * @param service which dependency
	 * @param message what failed, safe to log
	 * @param status the HTTP status
	 * @param code the provider's error code, if it sent one
	 * @param retryAfter the delay the provider asked for, if it sent one
	 */
	public static RemoteCallException ofStatus(String service, String message, int status, @Nullable String code,
			@Nullable Duration retryAfter) {
		return new RemoteCallException(service, message, status, retryableStatus(status), code, retryAfter, null);
	}

	/** A failure the same call can get past later, whatever its status (a quota lifted, a partial delete). */
	public static RemoteCallException retryable(String service, String message, int status, @Nullable String code,
			@Nullable Duration retryAfter) {
		return new RemoteCallException(service, message, status, true, code, retryAfter, null);
	}

	/** A failure that repeating the same call does not fix (a bad request, a quota, an error inside a 2xx). */
	public static RemoteCallException permanent(String service, String message, int status, @Nullable String code,
			@Nullable Duration retryAfter) {
		return new RemoteCallException(service, message, status, false, code, retryAfter, null);
	}

	/** The call ran out of time: status 0, code {@code timeout}, retryable. */
	public static RemoteCallException timeout(String service, String message, @Nullable Throwable cause) {
		return new RemoteCallException(service, message, 0, true, "timeout", null, cause);
	}

	/** No answer at all (connection refused, reset, DNS): status 0, code {@code io_error}, retryable. */
	public static RemoteCallException unreachable(String service, String message, @Nullable Throwable cause) {
		return new RemoteCallException(service, message, 0, true, "io_error", null, cause);
	}

	/**
	 * An answer that cannot be read (not JSON, an unexpected shape): code {@code invalid_response}, not
	 * retryable, since a server sends the same for the same input.
	 */
	public static RemoteCallException invalidResponse(String service, String message, int status,
			@Nullable Throwable cause) {
		return new RemoteCallException(service, message, status, false, "invalid_response", null, cause);
	}

	/** Anything else that went wrong around the call: status 0, no code, not retryable. */
	public static RemoteCallException unexpected(String service, String message, @Nullable Throwable cause) {
		return new RemoteCallException(service, message, 0, false, null, null, cause);
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
