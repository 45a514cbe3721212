package io.ragwell.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;

import io.ragwell.core.RemoteCallException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
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
 * The one HTTP helper of every remote adapter (vector stores, OpenAI-compatible LLM and embeddings, rerankers):
 * requests with the adapter's auth headers, JSON bodies, bounded clients, and the one failure shape. Every I/O
 * error or timeout becomes a retryable {@link RemoteCallException}; every non-2xx status is retryable by
 * {@link RemoteCallException#retryableStatus(int)} unless the adapter's error mapping knows better (a quota);
 * {@code Retry-After} is read by {@link RetryAfter}. Messages name the dependency, keep the server's first
 * words, and never carry the secret.
 * <p>
 * Adapters whose servers answer errors in their own shape read {@link #exchange} and map the status themselves
 * through {@link RemoteCallException}'s factories; stores that speak plain JSON use {@link #call}.
 */
public final class RemoteHttp {

	public static final MediaType JSON = MediaType.get("application/json");

	/** Server messages can be long (or HTML from a gateway); the start is enough to diagnose. */
	private static final int MAX_MESSAGE_LENGTH = 300;

	/** A connection that takes longer than this to open is not going to serve the call in time either. */
	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final String service;

	private final String label;

	private final OkHttpClient http;

	private final JsonMapper json;

	private final Headers headers;

	private final @Nullable String secret;

	private final Clock clock;

	/**
	 * @param service the {@link RemoteCallException#service()} of failures, e.g. {@code vector-store}
	 * @param label what messages call the dependency, e.g. {@code weaviate} or {@code reranker}
	 * @param http the configured client (timeouts set)
	 * @param json mapper for request and response bodies
	 * @param headers sent with every request (authentication, API version); {@link #bearer} builds the usual one
	 * @param secret the API key or password, redacted from every message; {@code null} when none
	 * @param clock measures HTTP-date {@code Retry-After} values
	 */
	public RemoteHttp(String service, String label, OkHttpClient http, JsonMapper json, Headers headers,
			@Nullable String secret, Clock clock) {
		this.service = service;
		this.label = label;
		this.http = http;
		this.json = json;
		this.headers = headers;
		this.secret = (secret == null || secret.isBlank()) ? null : secret;
		this.clock = clock;
	}

	/** The same helper over another client (a probe's shorter timeout, say). */
	public RemoteHttp using(OkHttpClient other) {
		return new RemoteHttp(this.service, this.label, other, this.json, this.headers, this.secret, this.clock);
	}

	// ------------------------------------------------------------------------------------------- requests

	/** {@code Authorization: Bearer token}; no header at all for a keyless server (Ollama, vLLM, TEI). */
	public static Headers bearer(@Nullable String token) {
		return (token == null || token.isBlank()) ? Headers.of() : Headers.of("Authorization", "Bearer " + token.strip());
	}

	/**
	 * A configured endpoint root, trailing slashes dropped.
	 * @param value the configured URL
	 * @param requirement what the property must be, e.g. {@code ragwell.llm.base-url must be an http(s) URL}
	 * @throws IllegalArgumentException with the requirement and the value when it is not an http(s) URL
	 */
	public static HttpUrl baseUrl(String value, String requirement) {
		String trimmed = value.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		HttpUrl url = HttpUrl.parse(trimmed);
		if (url == null) {
			throw new IllegalArgumentException(requirement + ", but was '" + value + "'");
		}
		return url;
	}

	/** {@code base} with path segments appended, each encoded. */
	public static HttpUrl url(HttpUrl base, String... segments) {
		HttpUrl.Builder builder = base.newBuilder();
		for (String segment : segments) {
			builder.addPathSegment(segment);
		}
		return builder.build();
	}

	/** A request to {@code url} that accepts JSON and carries the adapter's headers. */
	public Request.Builder request(HttpUrl url) {
		return with(new Request.Builder().url(url).header("Accept", "application/json"), this.headers);
	}

	/** {@code builder} with {@code headers} set on it, the ones it already has kept. */
	public static Request.Builder with(Request.Builder builder, Headers headers) {
		for (int i = 0; i < headers.size(); i++) {
			builder.header(headers.name(i), headers.value(i));
		}
		return builder;
	}

	public RequestBody body(Object value) {
		return RequestBody.create(this.json.writeValueAsBytes(value), JSON);
	}

	// -------------------------------------------------------------------------------------------- clients

	/** An OkHttp client whose whole exchange is bounded by {@code timeout}; connecting by at most 10 s of it. */
	public static OkHttpClient client(Duration timeout) {
		return client((timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0) ? timeout : MAX_CONNECT_TIMEOUT, timeout);
	}

	/** An OkHttp client that connects within {@code connect} and completes the whole exchange within {@code timeout}. */
	public static OkHttpClient client(Duration connect, Duration timeout) {
		return new OkHttpClient.Builder().connectTimeout(connect)
			.readTimeout(timeout)
			.writeTimeout(timeout)
			.callTimeout(timeout)
			.build();
	}

	/**
	 * A client for health probes: {@code http}'s pool and dispatcher (so closing {@code http} releases both),
	 * every phase bounded by {@code timeout}.
	 */
	public static OkHttpClient probeClient(OkHttpClient http, Duration timeout) {
		return http.newBuilder().connectTimeout(timeout).readTimeout(timeout).callTimeout(timeout).build();
	}

	/** Stops the dispatcher's threads and drops pooled connections; adapters call this on shutdown. */
	public static void close(OkHttpClient http) {
		http.dispatcher().executorService().shutdown();
		http.connectionPool().evictAll();
	}

	// -------------------------------------------------------------------------------------------- exchange

	/**
	 * An answer as received, whatever its status.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the whole body as text
	 */
	public record Reply(int status, Headers headers, String body) {

		public boolean successful() {
			return this.status >= 200 && this.status < 300;
		}

	}

	/**
	 * Sends {@code request} and reads the whole answer, whatever its status.
	 * @param what names the call in messages, e.g. {@code call} or {@code batch upsert}
	 * @throws RemoteCallException on an I/O error (code {@code io_error}) or timeout (code {@code timeout}),
	 * both retryable
	 */
	public Reply exchange(Request request, String what) {
		try (Response response = this.http.newCall(request).execute()) {
			return new Reply(response.code(), response.headers(), response.body().string());
		}
		catch (IOException ex) {
			throw fromIo(ex, what);
		}
	}

	/** An I/O failure of the call named {@code what}: a timeout or an unreachable server, both retryable. */
	public RemoteCallException fromIo(IOException ex, String what) {
		if (ex instanceof InterruptedIOException) {
			return RemoteCallException.timeout(this.service,
					this.label + " " + what + " timed out after " + Duration.ofMillis(this.http.callTimeoutMillis()),
					ex);
		}
		return RemoteCallException.unreachable(this.service, redact(this.label + " " + what + " failed: "
				+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "")), ex);
	}

	/** The parsed 2xx body ({@link NullNode} when empty); any other outcome throws. */
	public JsonNode call(Request request, String what) {
		JsonNode node = callAllowing404(request, what);
		if (node == null) {
			throw RemoteCallException.permanent(this.service, redact(this.label + " " + what + " failed: HTTP 404 "
					+ request.method() + " " + request.url().encodedPath()), 404, "not_found", null);
		}
		return node;
	}

	/** As {@link #call}, but a 404 answers {@code null}. */
	public @Nullable JsonNode callAllowing404(Request request, String what) {
		Reply reply = exchange(request, what);
		if (reply.status() == 404) {
			return null;
		}
		if (!reply.successful()) {
			throw fromResponse(what, reply.status(), reply.body(), reply.headers());
		}
		if (reply.body().isBlank()) {
			return NullNode.getInstance();
		}
		try {
			return this.json.readTree(reply.body());
		}
		catch (JacksonException ex) {
			throw RemoteCallException.invalidResponse(this.service,
					this.label + " " + what + " returned a body that is not JSON", reply.status(), null);
		}
	}

	// -------------------------------------------------------------------------------------------- failures

	/**
	 * A non-2xx answer in the common JSON error shapes ({@code message}, {@code error[0].message}, {@code code},
	 * {@code errorCode}): status, the server's message and code, and Retry-After.
	 */
	public RemoteCallException fromResponse(String what, int status, String body, Headers headers) {
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
		String text = redact(this.label + " " + what + " failed: HTTP " + status
				+ ((message != null && !message.isBlank()) ? ": " + excerpt(message, MAX_MESSAGE_LENGTH) : ""));
		return quota ? RemoteCallException.permanent(this.service, text, status, code, retryAfter(headers))
				: RemoteCallException.ofStatus(this.service, text, status, code, retryAfter(headers));
	}

	/** A failure reported inside a 2xx answer (per-object batch errors, GraphQL errors). */
	public RemoteCallException failedInside(String what, String message) {
		return RemoteCallException.permanent(this.service,
				redact(this.label + " " + what + " failed: " + excerpt(message, MAX_MESSAGE_LENGTH)), 200,
				"error_in_response", null);
	}

	/** The delay the server asked for; see {@link RetryAfter#parse}. */
	public @Nullable Duration retryAfter(Headers headers) {
		return RetryAfter.parse(headers, this.clock);
	}

	public String redact(String message) {
		return redact(message, this.secret);
	}

	/** {@code message} with every occurrence of {@code secret} masked; unchanged when there is none. */
	public static String redact(String message, @Nullable String secret) {
		return (secret == null || secret.isEmpty()) ? message : message.replace(secret, "****");
	}

	/** The first {@code max} characters of {@code text}, marked with an ellipsis when cut. */
	public static String excerpt(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

}
