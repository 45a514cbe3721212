package io.ragwell.embed.openai;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Embedder;
import io.ragwell.core.Health;
import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.remote.ModelsEndpointProbe;
import io.ragwell.remote.OpenAiCompatibleErrors;
import io.ragwell.remote.RemoteHttp;
import okhttp3.HttpUrl;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeds through any OpenAI-compatible {@code POST /embeddings} endpoint: OpenAI, Ollama's {@code /v1}, vLLM.
 * <p>
 * A batch is split into requests that stay within the provider's limits (inputs and estimated tokens per
 * request), sent one after another; results come back in input order whatever order the server lists them
 * in. Vectors are checked against the configured dimensions and L2-normalised when the server did not (OpenAI
 * does; not every self-hosted model does). Token counts are estimates ({@link TokenEstimate}). Failures become
 * {@link RemoteCallException}s that say whether a retry can help; retrying itself is left to the resilience
 * layer around this embedder. Neither the API key nor any text is logged above debug level.
 */
public final class OpenAiEmbedder implements Embedder, Remote, AutoCloseable {

	static final String SERVICE = "embedding";

	private static final Logger logger = LoggerFactory.getLogger(OpenAiEmbedder.class);

	/** A health probe must answer quickly whatever the request timeout is. */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * How far from 1 a vector's norm may be before it is normalised here. Float vectors that a server
	 * normalised come back within about 1e-6 of 1; anything further was not normalised.
	 */
	private static final double NORM_TOLERANCE = 1e-3;

	private final HttpUrl baseUrl;

	private final HttpUrl embeddingsUrl;

	private final HttpUrl modelsUrl;

	private final @Nullable String apiKey;

	private final OpenAiEmbeddingProperties properties;

	private final OkHttpClient http;

	private final OkHttpClient healthHttp;

	private final JsonMapper json;

	private final OpenAiCompatibleErrors<RemoteCallException> errors;

	public OpenAiEmbedder(OpenAiEmbeddingProperties properties) {
		this(properties, Clock.systemUTC());
	}

	OpenAiEmbedder(OpenAiEmbeddingProperties properties, Clock clock) {
		this.properties = properties;
		this.baseUrl = RemoteHttp.baseUrl(properties.baseUrl(),
				"ragwell.embedding.openai.base-url must be an http(s) URL including /v1, e.g. http://localhost:11434/v1");
		this.embeddingsUrl = this.baseUrl.newBuilder().addPathSegment("embeddings").build();
		this.modelsUrl = this.baseUrl.newBuilder().addPathSegment("models").build();
		String key = properties.apiKey();
		this.apiKey = (key == null || key.isBlank()) ? null : key.strip();
		Duration timeout = properties.timeout();
		this.http = RemoteHttp.client(timeout);
		Duration healthTimeout = min(timeout, HEALTH_TIMEOUT);
		this.healthHttp = RemoteHttp.probeClient(this.http, healthTimeout);
		this.json = JsonMapper.builder().build();
		this.errors = new OpenAiCompatibleErrors<>(SERVICE, "Embedding", this.json, this.apiKey, clock,
				(failure) -> failure);
	}

	@Override
	public String resilienceInstance() {
		return SERVICE;
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		int[] tokens = new int[texts.size()];
		for (int i = 0; i < texts.size(); i++) {
			if (texts.get(i).isEmpty()) {
				// OpenAI rejects the whole request for one empty input; say which one instead.
				throw new IllegalArgumentException("text " + i + " of the batch is empty; embedding providers "
						+ "reject empty input");
			}
			tokens[i] = countTokens(texts.get(i));
		}
		List<float[]> vectors = new ArrayList<>(texts.size());
		int start = 0;
		for (int size : batchSizes(tokens, this.properties.maxBatchItems(), this.properties.maxBatchTokens())) {
			vectors.addAll(embedRequest(texts.subList(start, start + size)));
			start += size;
		}
		return vectors;
	}

	/**
	 * Splits consecutive inputs into requests that each hold at most {@code maxItems} inputs and at most
	 * {@code maxTokens} tokens. An input larger than {@code maxTokens} on its own goes alone: the provider is
	 * the judge of whether it fits.
	 * @param tokens the token count of each input, in input order
	 * @param maxItems inputs per request, at least 1
	 * @param maxTokens summed tokens per request, at least 1
	 * @return the number of inputs in each request, in order; they sum to {@code tokens.length}
	 */
	static List<Integer> batchSizes(int[] tokens, int maxItems, int maxTokens) {
		List<Integer> sizes = new ArrayList<>();
		int items = 0;
		long sum = 0;
		for (int count : tokens) {
			if (items > 0 && (items == maxItems || sum + count > maxTokens)) {
				sizes.add(items);
				items = 0;
				sum = 0;
			}
			items++;
			sum += count;
		}
		if (items > 0) {
			sizes.add(items);
		}
		return sizes;
	}

	private List<float[]> embedRequest(List<String> inputs) {
		ObjectNode body = this.json.createObjectNode();
		body.put("model", this.properties.model());
		ArrayNode input = body.putArray("input");
		inputs.forEach(input::add);
		// Floats, not base64: the default on OpenAI, but servers differ and the parser reads floats.
		body.put("encoding_format", "float");
		if (this.properties.sendDimensions()) {
			body.put("dimensions", this.properties.dimensions());
		}
		Request request = authorised(new Request.Builder().url(this.embeddingsUrl)
			.post(RequestBody.create(this.json.writeValueAsString(body), RemoteHttp.JSON))
			.header("Accept", "application/json")).build();
		try (Response response = this.http.newCall(request).execute()) {
			String text = response.body().string();
			if (!response.isSuccessful()) {
				throw failed(this.errors.fromResponse(response.code(), response.headers(), text), response);
			}
			JsonNode root = readJson(text, response.code());
			List<float[]> vectors = parseVectors(root, inputs.size(), response);
			logger.debug("Embedded: model={} inputs={} promptTokens={} requestId={}", this.properties.model(),
					inputs.size(), root.path("usage").path("prompt_tokens").asInt(-1), response.header("x-request-id"));
			return vectors;
		}
		catch (IOException ex) {
			throw failed(this.errors.fromIo(ex, this.properties.timeout()), null);
		}
	}

	/** {@code data[].embedding}, put back in input order by {@code data[].index}. */
	private List<float[]> parseVectors(JsonNode root, int expected, Response response) {
		JsonNode data = root.path("data");
		if (!data.isArray() || data.size() != expected) {
			throw invalid("sent " + (data.isArray() ? data.size() : "no") + " embeddings for " + expected + " inputs",
					response);
		}
		float[][] ordered = new float[expected][];
		for (JsonNode item : data) {
			JsonNode indexNode = item.path("index");
			int index = indexNode.isIntegralNumber() ? indexNode.intValue() : -1;
			if (index < 0 || index >= expected || ordered[index] != null) {
				throw invalid("sent a missing, out-of-range or repeated index " + indexNode, response);
			}
			ordered[index] = vector(item.path("embedding"), response);
		}
		return List.of(ordered);
	}

	private float[] vector(JsonNode embedding, Response response) {
		if (!embedding.isArray()) {
			throw invalid("sent an embedding that is not a float array", response);
		}
		if (embedding.size() != this.properties.dimensions()) {
			throw invalid("sent " + embedding.size() + "-dimensional vectors but ragwell.embedding.openai.dimensions is "
					+ this.properties.dimensions() + "; set it to the model's size (the index is built with it)",
					response);
		}
		float[] vector = new float[embedding.size()];
		double sumOfSquares = 0;
		for (int i = 0; i < vector.length; i++) {
			JsonNode value = embedding.get(i);
			if (!value.isNumber()) {
				throw invalid("sent a non-numeric vector component", response);
			}
			vector[i] = value.floatValue();
			sumOfSquares += (double) vector[i] * vector[i];
		}
		double norm = Math.sqrt(sumOfSquares);
		if (norm == 0 || !Double.isFinite(norm)) {
			throw invalid("sent a zero or non-finite vector", response);
		}
		if (Math.abs(norm - 1) > NORM_TOLERANCE) {
			for (int i = 0; i < vector.length; i++) {
				vector[i] = (float) (vector[i] / norm);
			}
		}
		return vector;
	}

	private RemoteCallException invalid(String what, Response response) {
		// Retrying does not change what a server sends for the same input and model.
		return failed(RemoteCallException.invalidResponse(SERVICE, "Embedding endpoint " + what, response.code(), null),
				response);
	}

	private JsonNode readJson(String body, int status) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw RemoteCallException.invalidResponse(SERVICE,
					"Embedding endpoint sent a response that is not JSON (HTTP " + status + ")", status, ex);
		}
	}

	/** Keyless servers (Ollama, vLLM) get no Authorization header at all rather than an empty bearer. */
	private Request.Builder authorised(Request.Builder builder) {
		return RemoteHttp.with(builder, RemoteHttp.bearer(this.apiKey));
	}

	private RemoteCallException failed(RemoteCallException ex, @Nullable Response response) {
		// Status and code only: provider messages can quote the input, so they stay at debug.
		logger.warn("Embedding call failed: endpoint={} status={} code={} retryable={} retryAfter={} requestId={}",
				endpoint(), ex.status(), ex.code(), ex.retryable(), ex.retryAfter(),
				(response != null) ? response.header("x-request-id") : null);
		logger.debug("Embedding failure detail: {}", ex.getMessage());
		return ex;
	}

	@Override
	public int dimensions() {
		return this.properties.dimensions();
	}

	@Override
	public String modelName() {
		return this.properties.model();
	}

	/** An estimate: see {@link TokenEstimate}; the configuration's {@code Tokenizer} counts the same way. */
	public int countTokens(String text) {
		return TokenEstimate.count(text);
	}

	@Override
	public int maxInputTokens() {
		return this.properties.maxInputTokens();
	}

	/** {@code GET {base-url}/models}: cheap, authenticated, and costs no tokens. Never throws. */
	@Override
	public Health healthCheck() {
		Request request = authorised(new Request.Builder().url(this.modelsUrl).get()).build();
		return ModelsEndpointProbe.probe(this.healthHttp, request, this.baseUrl, Map.of("provider", "openai", "model", modelName(), "dimensions", dimensions()));
	}

	/** The base URL without any user info, safe to show on the health endpoint. */
	private String endpoint() {
		return ModelsEndpointProbe.redacted(this.baseUrl);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** Stops the dispatcher's threads and drops pooled connections; Spring calls this on shutdown. */
	@Override
	public void close() {
		RemoteHttp.close(this.http);
	}

}
