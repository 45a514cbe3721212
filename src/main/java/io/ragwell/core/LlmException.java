package io.ragwell.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The LLM provider failed. {@code status} is the HTTP status when there was one, 0 for I/O errors and
 * timeouts; {@code retryable} says whether the same call can succeed later. The message never contains the
 * API key.
 */
public class LlmException extends RemoteCallException {

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
		super("llm", message, status, retryable, code, retryAfter, cause);
	}

}
