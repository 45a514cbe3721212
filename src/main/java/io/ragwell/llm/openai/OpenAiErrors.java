package io.ragwell.llm.openai;

import java.io.InterruptedIOException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;

import io.ragwell.llm.LlmException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns failed calls to an OpenAI-compatible endpoint into {@link LlmException}s: which are worth retrying,
 * the provider's error code, and how long the provider asked us to wait.
 * <p>
 * Retryable: I/O errors, timeouts, 408, 409, 429 and 5xx, the policy of the official SDKs. A 429 whose code
 * or type is {@code insufficient_quota} is not: it is a billing problem that waiting does not fix. An explicit
 * {@code x-should-retry} header from the server overrides the status.
 */
final class OpenAiErrors {

	static final String INSUFFICIENT_QUOTA = "insufficient_quota";

	/** Provider messages can be long (and proxies send HTML); the first part is enough to diagnose. */
	private static final int MAX_MESSAGE_LENGTH = 500;

	private final JsonMapper json;

	private final @Nullable String apiKey;

	private final Clock clock;

	OpenAiErrors(JsonMapper json, @Nullable String apiKey, Clock clock) {
		this.json = json;
		this.apiKey = apiKey;
		this.clock = clock;
	}

	/** An error response: status, headers and body as received. */
	LlmException fromResponse(int status, Headers headers, String body) {
		ProviderError error = parse(body);
		String code = (error.code() != null) ? error.code() : error.type();
		boolean retryable = retryable(status, error);
		String shouldRetry = headers.get("x-should-retry");
		if ("true".equalsIgnoreCase(shouldRetry)) {
			retryable = true;
		}
		else if ("false".equalsIgnoreCase(shouldRetry)) {
			retryable = false;
		}
		StringBuilder message = new StringBuilder("LLM endpoint returned HTTP ").append(status);
		if (code != null) {
			message.append(" (").append(code).append(')');
		}
		if (error.message() != null && !error.message().isBlank()) {
			message.append(": ").append(error.message());
		}
		return new LlmException(redact(message.toString()), status, retryable, code, retryAfter(headers), null);
	}

	/** A mid-stream {@code {"error": ...}} payload: the status was already 200, so only the body says why. */
	LlmException fromStreamError(JsonNode payload) {
		ProviderError error = fromNode(payload.path("error"));
		String code = (error.code() != null) ? error.code() : error.type();
		boolean retryable = !isQuota(error) && !"invalid_request_error".equals(error.type())
				&& !"context_length_exceeded".equals(code);
		String message = "LLM endpoint failed mid-stream" + ((code != null) ? " (" + code + ")" : "")
				+ ((error.message() != null) ? ": " + error.message() : "");
		return new LlmException(redact(message), 0, retryable, code, null, null);
	}

	/** No HTTP status: the connection failed or the call ran out of time, both worth another try. */
	LlmException fromIo(IOException ex, Duration timeout) {
		if (ex instanceof InterruptedIOException) {
			return new LlmException("LLM call timed out after " + timeout, 0, true, "timeout", null, ex);
		}
		return new LlmException(redact("LLM call failed: " + ex.getClass().getSimpleName()
				+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : "")), 0, true, "io_error", null, ex);
	}

	static boolean retryable(int status, ProviderError error) {
		if (status == 429) {
			return !isQuota(error);
		}
		return status == 408 || status == 409 || status >= 500;
	}

	private static boolean isQuota(ProviderError error) {
		return INSUFFICIENT_QUOTA.equals(error.code()) || INSUFFICIENT_QUOTA.equals(error.type());
	}

	/**
	 * {@code retry-after-ms} first (what the official SDKs read), then {@code Retry-After} as seconds or an
	 * HTTP date; {@code null} when the server sent neither or nonsense.
	 */
	@Nullable Duration retryAfter(Headers headers) {
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
		Duration untilThen = Duration.between(this.clock.instant(), date.toInstant());
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

	/**
	 * OpenAI and Ollama's {@code /v1} send {@code {"error":{"message","type","param","code"}}}; Ollama's
	 * native API sends {@code {"error":"..."}}; proxies send anything.
	 */
	ProviderError parse(String body) {
		if (body.isBlank()) {
			return new ProviderError(null, null, null);
		}
		try {
			JsonNode root = this.json.readTree(body);
			if (root != null && root.has("error")) {
				return fromNode(root.get("error"));
			}
		}
		catch (JacksonException ex) {
			// Not JSON: an HTML page from a gateway, say. Its text is the best message there is.
		}
		return new ProviderError(truncate(body.strip()), null, null);
	}

	private static ProviderError fromNode(JsonNode error) {
		if (error.isString()) {
			return new ProviderError(truncate(error.stringValue()), null, null);
		}
		return new ProviderError(truncate(string(error.path("message"))), string(error.path("type")),
				string(error.path("code")));
	}

	static @Nullable String string(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		// Some servers send numeric codes.
		return node.isNumber() ? node.asString() : null;
	}

	private static @Nullable String truncate(@Nullable String text) {
		if (text == null || text.length() <= MAX_MESSAGE_LENGTH) {
			return text;
		}
		return text.substring(0, MAX_MESSAGE_LENGTH) + "…";
	}

	/** Providers mask the key in their own messages; this makes sure ours never carries it whole. */
	String redact(String message) {
		if (this.apiKey == null || this.apiKey.isEmpty()) {
			return message;
		}
		return message.replace(this.apiKey, "****");
	}

	/** The error block of a provider response; any part may be absent. */
	record ProviderError(@Nullable String message, @Nullable String type, @Nullable String code) {

		ProviderError {
			// Normalise so comparisons need not care how a server capitalised its codes.
			type = (type != null) ? type.toLowerCase(Locale.ROOT) : null;
			code = (code != null) ? code.toLowerCase(Locale.ROOT) : null;
		}

	}

}
