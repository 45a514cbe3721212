package io.ragwell.store.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

import io.ragwell.core.RemoteCallException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON over OkHttp for a remote vector store, with the one failure shape: every non-2xx answer, I/O error
 * or timeout becomes a {@link RemoteCallException} for service {@code vector-store}, retryable for I/O,
 * 408, 409, 429 and 5xx (the resilience layer does the retrying). Messages name the store, keep the
 * server's first words, and never carry the API key.
 */
public final class JsonHttp {

	public static final String SERVICE = "vector-store";

	public static final MediaType JSON = MediaType.get("application/json");

	/** Server messages can be long (or HTML from a gateway); the start is enough to diagnose. */
	private static final int MAX_MESSAGE_LENGTH = 300;

	private final String store;

	private final OkHttpClient http;

	private final JsonMapper json;

	private final @Nullable String secret;

	/**
	 * @param store the store's name for messages, e.g. {@code weaviate}
	 * @param http the configured client (timeouts set)
	 * @param json mapper for request and response bodies
	 * @param secret the API key, redacted from every message; {@code null} when none
	 */
	public JsonHttp(String store, OkHttpClient http, JsonMapper json, @Nullable String secret) {
		this.store = store;
		this.http = http;
		this.json = json;
		this.secret = (secret == null || secret.isBlank()) ? null : secret;
	}

	public RequestBody body(Object value) {
		return RequestBody.create(this.json.writeValueAsBytes(value), JSON);
	}

	/** The parsed 2xx body ({@link NullNode} when empty); any other outcome throws. */
	public JsonNode call(Request request, String what) {
		JsonNode node = callAllowing404(request, what);
		if (node == null) {
			throw new RemoteCallException(SERVICE, redact(this.store + " " + what + " failed: HTTP 404 "
					+ request.method() + " " + request.url().encodedPath()), 404, false, "not_found", null, null);
		}
		return node;
	}

	/** As {@link #call}, but a 404 answers {@code null}. */
	public @Nullable JsonNode callAllowing404(Request request, String what) {
		try (Response response = this.http.newCall(request).execute()) {
			String body = response.body().string();
			if (response.code() == 404) {
				return null;
			}
			if (!response.isSuccessful()) {
				throw fromResponse(what, response.code(), body, response.header("Retry-After"));
			}
			if (body.isBlank()) {
				return NullNode.getInstance();
			}
			try {
				return this.json.readTree(body);
			}
			catch (JacksonException ex) {
				throw new RemoteCallException(SERVICE, this.store + " " + what + " returned a body that is not JSON",
						response.code(), false, "invalid_response", null, null);
			}
		}
		catch (IOException ex) {
			boolean timeout = ex instanceof InterruptedIOException;
			throw new RemoteCallException(SERVICE,
					redact(this.store + " " + what + (timeout ? " timed out" : " failed: " + ex.getClass().getSimpleName()
							+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""))),
					0, true, timeout ? "timeout" : "io_error", null, ex);
		}
	}

	/** A non-2xx answer: status, the server's message and code if it sent JSON, and Retry-After seconds. */
	public RemoteCallException fromResponse(String what, int status, String body, @Nullable String retryAfter) {
		String message = null;
		String code = null;
		boolean quota = false;
		try {
			JsonNode root = body.isBlank() ? null : this.json.readTree(body);
			if (root != null && root.isObject()) {
				if (root.path("message").isString()) {
					message = root.path("message").stringValue();
				}
				if (root.path("error").isArray() && !root.path("error").isEmpty()) {
					message = root.path("error").path(0).path("message").asString();
				}
				if (root.has("code")) {
					code = root.path("code").asString();
				}
				if (root.path("errorCode").isString()) {
					code = root.path("errorCode").stringValue();
					// Weaviate's configured usage limit: a quota, which waiting does not lift.
					quota = "USAGE_LIMIT_EXCEEDED".equals(code);
				}
			}
		}
		catch (JacksonException ex) {
			message = body.strip();
		}
		boolean retryable = !quota && (status == 408 || status == 409 || status == 429 || status >= 500);
		String text = this.store + " " + what + " failed: HTTP " + status
				+ ((message != null && !message.isBlank()) ? ": " + truncate(message) : "");
		return new RemoteCallException(SERVICE, redact(text), status, retryable, code, parseRetryAfter(retryAfter),
				null);
	}

	/** A failure reported inside a 2xx answer (per-object batch errors, GraphQL errors). */
	public RemoteCallException failedInside(String what, String message) {
		return new RemoteCallException(SERVICE, redact(this.store + " " + what + " failed: " + truncate(message)), 200,
				false, "error_in_response", null, null);
	}

	private static @Nullable Duration parseRetryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value.strip());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_MESSAGE_LENGTH) ? text : text.substring(0, MAX_MESSAGE_LENGTH) + "…";
	}

	public String redact(String message) {
		return (this.secret == null) ? message : message.replace(this.secret, "****");
	}

	/** An OkHttp client whose whole exchange is bounded by {@code timeout}. */
	public static OkHttpClient client(Duration timeout) {
		return new OkHttpClient.Builder().connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
				: Duration.ofSeconds(10)).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout).build();
	}

}
