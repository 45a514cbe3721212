package io.ragwell.system.security;

import java.time.Duration;

/** A key exceeded its request rate. Rendered as 429 with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {

	private final Duration retryAfter;

	public RateLimitedException(String keyName, Duration retryAfter) {
		super("the rate limit for key '" + keyName + "' is exceeded");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
