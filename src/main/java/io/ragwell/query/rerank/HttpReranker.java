package io.ragwell.query.rerank;

import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchResult;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cross-encoder reranking service over HTTP: posts the question and the candidates' text, reads back a score
 * per candidate index, and orders the candidates by it. Subclasses supply the wire format of one API.
 * <p>
 * Failures become {@link RemoteCallException}s for service {@value #SERVICE}: I/O errors, timeouts, 408, 409,
 * 429 and 5xx are retryable, other statuses and unreadable responses are not; retrying itself is the resilience
 * layer's job. Neither the key nor any question or document text is logged above debug.
 */
public abstract class HttpReranker implements Reranker, Remote, AutoCloseable {

	/** The resilience instance and the {@code service} of failures. */
	public static final String SERVICE = "rerank";

	private static final Logger logger = LoggerFactory.getLogger(HttpReranker.class);

	private static final MediaType JSON_TYPE = MediaType.get("application/json");

	/** Error bodies can be long (or HTML from a proxy); the start is enough to diagnose. */
	private static final int MAX_MESSAGE_LENGTH = 300;

	protected final JsonMapper json = JsonMapper.builder().build();

	private final HttpUrl url;

	private final @Nullable String apiKey;

	private final Duration timeout;

	private final OkHttpClient http;

	private final Clock clock;

	/**
	 * @param url the full endpoint URL, path included
	 * @param apiKey bearer token, or null/blank to send no Authorization header
	 * @param timeout bound on the whole call
	 * @param clock reads the time for HTTP-date {@code Retry-After} values
	 */
	protected HttpReranker(String url, @Nullable String apiKey, Duration timeout, Clock clock) {
		HttpUrl parsed = HttpUrl.parse(url.strip());
		if (parsed == null) {
			throw new IllegalArgumentException("ragwell.rerank.url must be an http(s) URL, was '" + url + "'");
		}
		this.url = parsed;
		this.apiKey = (apiKey == null || apiKey.isBlank()) ? null : apiKey.strip();
		this.timeout = timeout;
		this.http = new OkHttpClient.Builder().connectTimeout(timeout)
			.readTimeout(timeout)
			.writeTimeout(timeout)
			.callTimeout(timeout)
			.build();
		this.clock = clock;
	}

	/** The request body for {@code query} and the candidates' {@code texts}, in candidate order. */
	protected abstract ObjectNode body(String query, List<String> texts, int topN);

	/** The (candidate index, score) pairs of a successful response; order does not matter. */
	protected abstract List<Scored> parse(JsonNode response);

	/** The provider's error message and code in an error body, either possibly null. */
	protected abstract ProviderError error(JsonNode body);

	@Override
	public List<SearchResult> rerank(RerankRequest request) {
		List<SearchResult> candidates = request.candidates();
		if (candidates.isEmpty()) {
			return List.of();
		}
		List<String> texts = candidates.stream().map(result -> result.chunk().content()).toList();
		JsonNode response = post(body(request.query(), texts, Math.min(request.topN(), texts.size())));
		List<Scored> scored;
		try {
			scored = new ArrayList<>(parse(response));
		}
		catch (RuntimeException ex) {
			throw failed(new RemoteCallException(SERVICE, "reranker response has an unexpected shape", 200, false,
					"invalid_response", null, ex));
		}
		// By score, ties to the better retrieval rank; an index the service sent twice counts once.
		scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
		boolean[] used = new boolean[candidates.size()];
		List<SearchResult> results = new ArrayList<>(Math.min(request.topN(), scored.size()));
		for (Scored entry : scored) {
			if (results.size() == request.topN()) {
				break;
			}
			if (entry.index() < 0 || entry.index() >= candidates.size()) {
				throw failed(new RemoteCallException(SERVICE, "reranker returned index " + entry.index() + " for "
						+ candidates.size() + " documents", 200, false, "invalid_response", null, null));
			}
			if (!used[entry.index()]) {
				used[entry.index()] = true;
				results.add(candidates.get(entry.index()).reranked(results.size() + 1, entry.score()));
			}
		}
		return List.copyOf(results);
	}

	private JsonNode post(ObjectNode body) {
		Request.Builder builder = new Request.Builder().url(this.url)
			.post(RequestBody.create(this.json.writeValueAsString(body), JSON_TYPE))
			.header("Accept", "application/json");
		if (this.apiKey != null) {
			builder.header("Authorization", "Bearer " + this.apiKey);
		}
		try (Response response = this.http.newCall(builder.build()).execute()) {
			String text = response.body().string();
			if (!response.isSuccessful()) {
				throw failed(fromResponse(response.code(), response.headers(), text));
			}
			try {
				return this.json.readTree(text);
			}
			catch (JacksonException ex) {
				throw failed(new RemoteCallException(SERVICE, "reranker sent a response that is not JSON (HTTP "
						+ response.code() + ")", response.code(), false, "invalid_response", null, ex));
			}
		}
		catch (IOException ex) {
			if (ex instanceof InterruptedIOException) {
				throw failed(new RemoteCallException(SERVICE, "reranker call timed out after " + this.timeout, 0, true,
						"timeout", null, ex));
			}
			throw failed(new RemoteCallException(SERVICE, "reranker call failed: " + ex.getClass().getSimpleName(), 0,
					true, "io_error", null, ex));
		}
	}

	RemoteCallException fromResponse(int status, Headers headers, String body) {
		ProviderError error = new ProviderError(null, null);
		if (!body.isBlank()) {
			try {
				JsonNode node = this.json.readTree(body);
				error = (node != null) ? error(node) : error;
			}
			catch (JacksonException ex) {
				error = new ProviderError(body.strip(), null);
			}
		}
		boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
		StringBuilder message = new StringBuilder("reranker returned HTTP ").append(status);
		if (error.code() != null) {
			message.append(" (").append(error.code()).append(')');
		}
		if (error.message() != null && !error.message().isBlank()) {
			String detail = error.message().strip();
			message.append(": ")
				.append((detail.length() > MAX_MESSAGE_LENGTH) ? detail.substring(0, MAX_MESSAGE_LENGTH) + "…" : detail);
		}
		return new RemoteCallException(SERVICE, redact(message.toString()), status, retryable, error.code(),
				retryAfter(headers), null);
	}

	/** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
	@Nullable Duration retryAfter(Headers headers) {
		String value = headers.get("Retry-After");
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value.strip());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			Date date = headers.getDate("Retry-After");
			if (date == null) {
				return null;
			}
			Duration untilThen = Duration.between(this.clock.instant(), date.toInstant());
			return untilThen.isNegative() ? Duration.ZERO : untilThen;
		}
	}

	private String redact(String message) {
		return (this.apiKey == null) ? message : message.replace(this.apiKey, "****");
	}

	private RemoteCallException failed(RemoteCallException ex) {
		// Status and code only: provider messages can quote the documents.
		logger.warn("rerank call failed: reranker={} endpoint={} status={} code={} retryable={}", name(),
				this.url.newBuilder().username("").password("").query(null).build(), ex.status(), ex.code(),
				ex.retryable());
		logger.debug("rerank failure detail: {}", ex.getMessage());
		return ex;
	}

	protected static @Nullable String text(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		return node.isNumber() ? node.asString() : null;
	}

	@Override
	public String resilienceInstance() {
		return SERVICE;
	}

	/** Stops the dispatcher's threads and drops pooled connections; Spring calls this on shutdown. */
	@Override
	public void close() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

	/**
	 * @param index the candidate's position in the request
	 * @param score the service's relevance score
	 */
	protected record Scored(int index, double score) {
	}

	/**
	 * @param message what the provider said went wrong
	 * @param code the provider's error code or type
	 */
	protected record ProviderError(@Nullable String message, @Nullable String code) {
	}

}
