package io.ragwell.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.ragwell.core.RemoteCallException;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns failed calls to an OpenAI-compatible endpoint (OpenAI, Ollama's {@code /v1}, vLLM, llama.cpp) into
 * {@link RemoteCallException}s: which are worth retrying, the provider's error code, and how long the provider
 * asked us to wait. Shared by the chat and the embeddings adapters, which differ only in the exception type
 * and the label their messages start with.
 * <p>
 * Retryable: I/O errors, timeouts and {@link RemoteCallException#retryableStatus(int) the retryable statuses}
 * (408, 409, 429 and 5xx), the policy of the official SDKs. A 429 whose code
 * or type is {@code insufficient_quota} is not: it is a billing problem that waiting does not fix. An explicit
 * {@code x-should-retry} header from the server overrides the status.
 *
 * @param <E> the exception the adapter throws
 */
public class OpenAiCompatibleErrors<E extends RemoteCallException> {

	public static final String INSUFFICIENT_QUOTA = "insufficient_quota";

	/** Provider messages can be long (and proxies send HTML); the first part is enough to diagnose. */
	private static final int MAX_MESSAGE_LENGTH = 500;

	private final String service;

	private final String label;

	private final JsonMapper json;

	private final @Nullable String apiKey;

	private final Clock clock;

	private final Factory<E> factory;

	/**
	 * @param service the {@link RemoteCallException#service()} of failures, e.g. {@code llm} or {@code embedding}
	 * @param label what the messages call the dependency, e.g. {@code LLM} or {@code Embedding}
	 * @param json reads error bodies
	 * @param apiKey the key to redact from messages, if any
	 * @param clock measures Retry-After dates
	 * @param factory turns the failure into the adapter's exception
	 */
	public OpenAiCompatibleErrors(String service, String label, JsonMapper json, @Nullable String apiKey, Clock clock,
			Factory<E> factory) {
		this.service = service;
		this.label = label;
		this.json = json;
		this.apiKey = apiKey;
		this.clock = clock;
		this.factory = factory;
	}

	/** An error response: status, headers and body as received. */
	public E fromResponse(int status, Headers headers, String body) {
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
		StringBuilder message = new StringBuilder(this.label).append(" endpoint returned HTTP ").append(status);
		if (code != null) {
			message.append(" (").append(code).append(')');
		}
		if (error.message() != null && !error.message().isBlank()) {
			message.append(": ").append(error.message());
		}
		String text = redact(message.toString());
		return this.factory.adopt(retryable ? RemoteCallException.retryable(this.service, text, status, code, retryAfter(headers))
				: RemoteCallException.permanent(this.service, text, status, code, retryAfter(headers)));
	}

	/** A {@code {"error": ...}} payload inside a 200 body (a stream, say): only the payload says why. */
	public E fromStreamError(JsonNode payload) {
		ProviderError error = fromNode(payload.path("error"));
		String code = (error.code() != null) ? error.code() : error.type();
		boolean retryable = !isQuota(error) && !"invalid_request_error".equals(error.type())
				&& !"context_length_exceeded".equals(code);
		String message = this.label + " endpoint failed mid-stream" + ((code != null) ? " (" + code + ")" : "")
				+ ((error.message() != null) ? ": " + error.message() : "");
		return this.factory.adopt(retryable ? RemoteCallException.retryable(this.service, redact(message), 0, code, null)
				: RemoteCallException.permanent(this.service, redact(message), 0, code, null));
	}

	/** No HTTP status: the connection failed or the call ran out of time, both worth another try. */
	public E fromIo(IOException ex, Duration timeout) {
		if (ex instanceof InterruptedIOException) {
			return this.factory
				.adopt(RemoteCallException.timeout(this.service, this.label + " call timed out after " + timeout, ex));
		}
		return this.factory.adopt(RemoteCallException.unreachable(this.service, redact(this.label + " call failed: "
				+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "")), ex));
	}

	/** The one status rule, except that a 429 for an exhausted quota is not worth repeating. */
	public static boolean retryable(int status, ProviderError error) {
		return RemoteCallException.retryableStatus(status) && !(status == 429 && isQuota(error));
	}

	private static boolean isQuota(ProviderError error) {
		return INSUFFICIENT_QUOTA.equals(error.code()) || INSUFFICIENT_QUOTA.equals(error.type());
	}

	/** See {@link RetryAfter#parse}. */
	public @Nullable Duration retryAfter(Headers headers) {
		return RetryAfter.parse(headers, this.clock);
	}

	/**
	 * OpenAI and Ollama's {@code /v1} send {@code {"error":{"message","type","param","code"}}}; Ollama's
	 * native API sends {@code {"error":"..."}}; proxies send anything.
	 */
	public ProviderError parse(String body) {
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

	/** A string field, or a numeric one as text (some servers send numeric codes); {@code null} otherwise. */
	public static @Nullable String string(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		return node.isNumber() ? node.asString() : null;
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text == null) ? null : RemoteHttp.excerpt(text, MAX_MESSAGE_LENGTH);
	}

	/** Providers mask the key in their own messages; this makes sure ours never carries it whole. */
	public String redact(String message) {
		return RemoteHttp.redact(message, this.apiKey);
	}

	/**
	 * Turns the mapped failure into the adapter's exception ({@code failure -> failure} when the adapter throws
	 * {@link RemoteCallException} itself).
	 */
	@FunctionalInterface
	public interface Factory<E extends RemoteCallException> {

		E adopt(RemoteCallException failure);

	}

	/** The error block of a provider response; any part may be absent. */
	public record ProviderError(@Nullable String message, @Nullable String type, @Nullable String code) {

		public ProviderError {
			// Normalise so comparisons need not care how a server capitalised its codes.
			type = (type != null) ? type.toLowerCase(Locale.ROOT) : null;
			code = (code != null) ? code.toLowerCase(Locale.ROOT) : null;
		}

	}

}
