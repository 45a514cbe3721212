package io.ragwell.web.security;

import java.time.Duration;

/**
 * A key exceeded its request rate, or a client address its failed authentications. Rendered as 429 with
 * {@code Retry-After}.
 */
public class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	private RateLimitedException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	static RateLimitedException forKey(String keyName, Duration retryAfter) {
		return new RateLimitedException("the rate limit for key '" + keyName + "' is exceeded", retryAfter);
	}

	/** Says nothing of the keys tried: the caller learns only that this address must wait. */
	static RateLimitedException forFailedAuthentications(Duration retryAfter) {
		return new RateLimitedException("too many requests with an invalid API key from this address",
				retryAfter);
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
