package io.ragwell.remote;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/** The delay a server asked for before the next attempt, as HTTP and the official OpenAI SDKs read it. */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * {@code retry-after-ms} first (what the official SDKs read), then {@code Retry-After} as seconds or an
	 * HTTP date.
	 * @param headers the response headers
	 * @param clock the clock an HTTP date is measured against
	 * @return the delay, never negative; {@code null} when the server sent neither header or nonsense
	 */
	public static @Nullable Duration parse(Headers headers, Clock clock) {
		Duration millis = parseAmount(headers.get("retry-after-ms"), 1_000_000L);
		if (millis != null) {
			return millis;
		}
		String value = headers.get("retry-after");
		Duration seconds = parseAmount(value, 1_000_000_000L);
		if (seconds != null || value == null) {
			return seconds;
		}
		Date date = headers.getDate("retry-after");
		if (date == null) {
			return null;
		}
		Duration untilThen = Duration.between(clock.instant(), date.toInstant());
		return untilThen.isNegative() ? Duration.ZERO : untilThen;
	}

	private static @Nullable Duration parseAmount(@Nullable String value, long nanosPerUnit) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			double amount = Double.parseDouble(value.strip());
			if (!Double.isFinite(amount) || amount < 0) {
				return null;
			}
			return Duration.ofNanos((long) (amount * nanosPerUnit));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
