package io.ragwell.query.rerank;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;
import io.ragwell.remote.RemoteHttp;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
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

	/** Error bodies can be long (or HTML from a proxy); the start is enough to diagnose. */
	private static final int MAX_MESSAGE_LENGTH = 300;

	protected final JsonMapper json = JsonMapper.builder().build();

	private final HttpUrl url;

	private final OkHttpClient http;

	private final RemoteHttp remote;

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
		String key = (apiKey == null || apiKey.isBlank()) ? null : apiKey.strip();
		this.http = RemoteHttp.client(timeout, timeout);
		this.remote = new RemoteHttp(SERVICE, "reranker", this.http, this.json, RemoteHttp.bearer(key), key, clock);
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
			throw failed(RemoteCallException.invalidResponse(SERVICE, "reranker response has an unexpected shape",
					200, ex));
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
				throw failed(RemoteCallException.invalidResponse(SERVICE,
						"reranker returned index " + entry.index() + " for " + candidates.size() + " documents", 200,
						null));
			}
			if (!used[entry.index()]) {
				used[entry.index()] = true;
				results.add(candidates.get(entry.index()).reranked(results.size() + 1, entry.score()));
			}
		}
		return List.copyOf(results);
	}

	private JsonNode post(ObjectNode body) {
		// From a String, so the content type says charset=utf-8, as it always has for these services.
		Request request = this.remote.request(this.url)
			.post(RequestBody.create(this.json.writeValueAsString(body), RemoteHttp.JSON))
			.build();
		RemoteHttp.Reply reply;
		try {
			reply = this.remote.exchange(request, "call");
		}
		catch (RemoteCallException ex) {
			throw failed(ex);
		}
		if (!reply.successful()) {
			throw failed(fromResponse(reply.status(), reply.headers(), reply.body()));
		}
		try {
			return this.json.readTree(reply.body());
		}
		catch (JacksonException ex) {
			throw failed(RemoteCallException.invalidResponse(SERVICE,
					"reranker sent a response that is not JSON (HTTP " + reply.status() + ")", reply.status(), ex));
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
		StringBuilder message = new StringBuilder("reranker returned HTTP ").append(status);
		if (error.code() != null) {
			message.append(" (").append(error.code()).append(')');
		}
		if (error.message() != null && !error.message().isBlank()) {
			String detail = error.message().strip();
			message.append(": ").append(RemoteHttp.excerpt(error.message().strip(), MAX_MESSAGE_LENGTH));
		}
		return RemoteCallException.ofStatus(SERVICE, this.remote.redact(message.toString()), status, error.code(),
				retryAfter(headers));
	}

	/** The delay the service asked for; see {@link io.ragwell.remote.RetryAfter#parse}. */
	@Nullable Duration retryAfter(Headers headers) {
		return this.remote.retryAfter(headers);
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
		RemoteHttp.close(this.http);
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
