package io.ragwell.llm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The LLM provider failed. {@code status} is the HTTP status when there was one, 0 for I/O errors and
 * timeouts; {@code retryable} says whether the same call can succeed later. The message never contains the
 * API key.
 */
public class LlmException extends RuntimeException {

	private final int status;

	private final boolean retryable;

	private final @Nullable String code;

	private final @Nullable Duration retryAfter;

	public LlmException(String message, int status, boolean retryable, @Nullable String code,
			@Nullable Throwable cause) {
		this(message, status, retryable, code, null, cause);
	}

	/**
	 * @param retryAfter the delay the provider asked for ({@code retry-after-ms} or {@code Retry-After}), kept
	 * so a resilience layer can wait that long instead of guessing
	 */
	public LlmException(String message, int status, boolean retryable, @Nullable String code,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryable = retryable;
		this.code = code;
		this.retryAfter = retryAfter;
	}

	public int status() {
		return this.status;
	}

	public boolean retryable() {
		return this.retryable;
	}

	/** The provider's error code (or type when it sent no code), e.g. {@code rate_limit_exceeded}. */
	public @Nullable String code() {
		return this.code;
	}

	/** The delay the provider asked for before retrying, when it sent one. */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
