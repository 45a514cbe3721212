package io.ragwell.llm;

import org.jspecify.annotations.Nullable;

/**
 * The LLM provider failed. {@code status} is the HTTP status when there was one, 0 for I/O errors and
 * timeouts; {@code retryable} says whether the same call can succeed later.
 */
public class LlmException extends RuntimeException {

	private final int status;

	private final boolean retryable;

	private final @Nullable String code;

	public LlmException(String message, int status, boolean retryable, @Nullable String code,
			@Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryable = retryable;
		this.code = code;
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

}
