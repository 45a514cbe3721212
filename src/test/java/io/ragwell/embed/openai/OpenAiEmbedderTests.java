package io.ragwell.embed.openai;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import io.ragwell.core.Health;
import io.ragwell.core.RemoteCallException;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SharedData;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The embedder against MockWebServer speaking the wire format of {@code ../shared/contracts/openai}: the
 * spec's embeddings example, its error bodies and rate-limit headers, and Ollama's documented responses.
 */
@RequiresSharedData("contracts/openai")
class OpenAiEmbedderTests {

	private static final String API_KEY = "sk-test-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final List<OpenAiEmbedder> embedders = new ArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.embedders.forEach(OpenAiEmbedder::close);
		this.server.close();
	}

	@Test
	void returnsTheSpecExampleVectorL2Normalised() {
		this.server.enqueue(json(200, contract("embeddings.response.json")));

		float[] vector = embedder(3).embed("The food was delicious and the waiter...");

		// The example's three floats are a slice of a longer vector, so their norm is far from 1.
		double norm = Math.sqrt(0.0023064255 * 0.0023064255 + 0.009327292 * 0.009327292
				+ 0.0028842222 * 0.0028842222);
		assertThat(vector).containsExactly(new float[] { (float) (0.0023064255 / norm), (float) (-0.009327292 / norm),
				(float) (-0.0028842222 / norm) }, within(1e-6f));
		assertThat(norm(vector)).isCloseTo(1.0, within(1e-6));
	}

	@Test
	void leavesVectorsThatAreAlreadyUnitLengthAsSent() {
		this.server.enqueue(json(200, response(new float[][] { { 0.6f, 0.8f, 0f } }, new int[] { 0 })));

		assertThat(embedder(3).embed("text")).containsExactly(0.6f, 0.8f, 0f);
	}

	@Test
	void putsVectorsBackInInputOrderWhateverOrderTheServerListsThem() {
		// data[] listed as index 2, 0, 1: the notes tell us not to assume array order.
		float[][] vectors = { { 0f, 0f, 1f }, { 1f, 0f, 0f }, { 0f, 1f, 0f } };
		this.server.enqueue(json(200, response(vectors, new int[] { 2, 0, 1 })));

		List<float[]> embedded = embedder(3).embedBatch(List.of("first", "second", "third"));

		assertThat(embedded).containsExactly(new float[] { 1f, 0f, 0f }, new float[] { 0f, 1f, 0f },
				new float[] { 0f, 0f, 1f });
	}

	@Test
	void splitsABatchByMaxBatchItemsAndKeepsInputOrderAcrossRequests() throws Exception {
		List<String> texts = List.of("t0", "t1", "t2", "t3", "t4");
		this.server.enqueue(json(200, response(new float[][] { unit(0), unit(1) }, new int[] { 1, 0 })));
		this.server.enqueue(json(200, response(new float[][] { unit(2), unit(3) }, new int[] { 0, 1 })));
		this.server.enqueue(json(200, response(new float[][] { unit(4) }, new int[] { 0 })));

		List<float[]> embedded = embedder(properties(5).maxBatchItems(2)).embedBatch(texts);

		assertThat(this.server.getRequestCount()).isEqualTo(3);
		assertThat(inputs(this.server.takeRequest())).containsExactly("t0", "t1");
		assertThat(inputs(this.server.takeRequest())).containsExactly("t2", "t3");
		assertThat(inputs(this.server.takeRequest())).containsExactly("t4");
		// The first response listed index 1 first, so "t0" got unit(1).
		assertThat(embedded).containsExactly(unit(1), unit(0), unit(2), unit(3), unit(4));
	}

	@Test
	void splitsABatchByTheEstimatedTokenBudget() throws Exception {
		// 12 ASCII letters estimate to 3 tokens each; a budget of 7 fits two per request.
		List<String> texts = List.of("aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc");
		this.server.enqueue(json(200, response(new float[][] { unit(0), unit(1) }, new int[] { 0, 1 })));
		this.server.enqueue(json(200, response(new float[][] { unit(2) }, new int[] { 0 })));

		List<float[]> embedded = embedder(properties(5).maxBatchTokens(7)).embedBatch(texts);

		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(inputs(this.server.takeRequest())).containsExactly("aaaaaaaaaaaa", "bbbbbbbbbbbb");
		assertThat(inputs(this.server.takeRequest())).containsExactly("cccccccccccc");
		assertThat(embedded).hasSize(3);
	}

	@Test
	void requestBodyConformsToCreateEmbeddingRequestInTheOpenApiSpec() throws Exception {
		this.server.enqueue(json(200, response(new float[][] { unit(0), unit(1) }, new int[] { 0, 1 })));

		embedder(5).embedBatch(List.of("first passage", "second passage"));

		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
		assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
		JsonNode body = JSON.readTree(recorded.getBody().utf8());
		assertThat(body.path("model").stringValue()).isEqualTo("text-embedding-3-small");
		assertThat(inputs(body)).containsExactly("first passage", "second passage");
		assertThat(body.path("encoding_format").stringValue()).isEqualTo("float");
		assertThat(body.path("dimensions").intValue()).isEqualTo(5);
		Map<String, Object> schema = createEmbeddingRequestSchema();
		List<String> violations = new ArrayList<>();
		SchemaCheck.check(JSON.convertValue(body, Object.class), schema, "$", violations);
		assertThat(violations).isEmpty();
		// The checker itself catches what the spec forbids, so an empty list above means something.
		List<String> wrong = new ArrayList<>();
		SchemaCheck.check(Map.of("model", "m", "input", List.of(1.5), "encoding_format", "hex", "dims", 3), schema,
				"$", wrong);
		assertThat(wrong).hasSize(3);
	}

	@Test
	void leavesOutDimensionsForModelsThatRejectIt() throws Exception {
		this.server.enqueue(json(200, response(new float[][] { unit(0) }, new int[] { 0 })));

		embedder(properties(5).sendDimensions(false)).embed("text");

		assertThat(JSON.readTree(this.server.takeRequest().getBody().utf8()).has("dimensions")).isFalse();
	}

	@Test
	void sendsNoAuthorizationHeaderToAKeylessServer() throws Exception {
		this.server.enqueue(json(200, response(new float[][] { unit(0) }, new int[] { 0 })));

		embedder(properties(5).apiKey(null)).embed("text");

		assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isNull();
	}

	@Test
	void readsOllamasEmbeddingsInTheOpenAiShapeItsV1EndpointSends() throws Exception {
		// Ollama's /v1/embeddings wraps what /api/embed returns: data[i] = {embedding: embeddings[i], index: i}.
		JsonNode nativeResponse = JSON.readTree(contract("ollama/api-embed-multiple.response.json"));
		JsonNode embeddings = nativeResponse.path("embeddings");
		float[][] vectors = new float[embeddings.size()][];
		for (int i = 0; i < vectors.length; i++) {
			vectors[i] = JSON.convertValue(embeddings.get(i), float[].class);
		}
		int dimensions = vectors[0].length;
		this.server.enqueue(json(200, response(vectors, IntStream.range(0, vectors.length).toArray())));

		List<float[]> embedded = embedder(properties(dimensions).apiKey(null).model("all-minilm"))
			.embedBatch(List.of("Why is the sky blue?", "Why is the grass green?"));

		assertThat(embedded).hasSize(2);
		for (int i = 0; i < 2; i++) {
			assertThat(norm(embedded.get(i))).isCloseTo(1.0, within(1e-6));
			// Same direction as the server's vector: normalising only rescales.
			assertThat(dot(embedded.get(i), vectors[i]) / norm(vectors[i])).isCloseTo(1.0, within(1e-5));
		}
		assertThat(inputs(this.server.takeRequest())).hasSize(2);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void invalidKeyIsNotRetryableAndNeitherTheMessageNorTheLogCarriesTheKeyOrTheText(CapturedOutput output) {
		this.server.enqueue(json(401, contract("error-401-invalid-api-key.response.json")));

		RemoteCallException ex = failure(() -> embedder(3).embed("confidential passage text"));

		assertThat(ex.service()).isEqualTo("embedding");
		assertThat(ex.status()).isEqualTo(401);
		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("invalid_api_key");
		assertThat(ex.getMessage()).contains("Incorrect API key provided").doesNotContain(API_KEY);
		assertThat(output).contains("invalid_api_key").doesNotContain(API_KEY).doesNotContain("confidential passage");
	}

	@Test
	void redactsTheKeyWhenAServerEchoesItInFull() {
		this.server.enqueue(json(401, "{\"error\":{\"message\":\"Key " + API_KEY
				+ " is not valid\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

		RemoteCallException ex = failure(() -> embedder(3).embed("text"));

		assertThat(ex.getMessage()).doesNotContain(API_KEY).contains("Key **** is not valid");
	}

	@Test
	void rateLimitIsRetryableAfterTheDelayTheServerAskedFor() {
		Headers.Builder headers = new Headers.Builder();
		contract("rate-limit-headers.example.txt").lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.forEach(headers::add);
		this.server.enqueue(new MockResponse.Builder().code(429)
			.headers(headers.build())
			.setHeader("Content-Type", "application/json")
			.body(contract("error-429-rate-limit.response.json"))
			.build());

		RemoteCallException ex = failure(() -> embedder(3).embed("text"));

		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("rate_limit_exceeded");
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void rateLimitWithOnlyRetryAfterSecondsIsReadToo() {
		this.server.enqueue(json(429, contract("error-429-rate-limit.response.json")).newBuilder()
			.setHeader("Retry-After", "3")
			.build());

		assertThat(failure(() -> embedder(3).embed("text")).retryAfter()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void insufficientQuotaIsNotRetryableDespiteItsStatus() {
		this.server.enqueue(json(429, contract("error-429-insufficient-quota.response.json")));

		RemoteCallException ex = failure(() -> embedder(3).embed("text"));

		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("insufficient_quota");
	}

	@Test
	void ollamaModelNotFoundWithANullCodeIsNotRetryableAndKeepsItsType() {
		// The /v1 error shape of Ollama's openai.go NewError: code is null, type says what happened.
		this.server.enqueue(json(404, """
				{"error":{"message":"model \\"all-minilm\\" not found, try pulling it first","type":"not_found_error","param":null,"code":null}}"""));

		RemoteCallException ex = failure(() -> embedder(properties(3).apiKey(null)).embed("text"));

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("not_found_error");
		assertThat(ex.getMessage()).contains("try pulling it first");
	}

	@ParameterizedTest
	@ValueSource(ints = { 409, 500, 502, 503, 504 })
	void transientStatusesAreRetryable(int status) {
		this.server.enqueue(json(status, "{}"));

		RemoteCallException ex = failure(() -> embedder(3).embed("text"));

		assertThat(ex.status()).isEqualTo(status);
		assertThat(ex.retryable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 422 })
	void clientErrorsAreNotRetryable(int status) {
		this.server.enqueue(json(status, "{}"));

		assertThat(failure(() -> embedder(3).embed("text")).retryable()).isFalse();
	}

	@Test
	void unreachableServerIsARetryableIoError() {
		OpenAiEmbedder embedder = embedder(3);
		this.server.close();

		RemoteCallException ex = failure(() -> embedder.embed("text"));

		assertThat(ex.status()).isZero();
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("io_error");
	}

	@Test
	void vectorsOfAnotherLengthThanConfiguredFailWithTheFix() {
		this.server.enqueue(json(200, contract("embeddings.response.json")));

		RemoteCallException ex = failure(() -> embedder(1536).embed("text"));

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("invalid_response");
		assertThat(ex.getMessage()).contains("3-dimensional").contains("ragwell.embedding.openai.dimensions");
	}

	@Test
	void fewerEmbeddingsThanInputsIsAnInvalidResponse() {
		this.server.enqueue(json(200, response(new float[][] { unit(0) }, new int[] { 0 })));

		RemoteCallException ex = failure(() -> embedder(5).embedBatch(List.of("one", "two")));

		assertThat(ex.code()).isEqualTo("invalid_response");
		assertThat(ex.getMessage()).contains("1 embeddings for 2 inputs");
	}

	@Test
	void repeatedIndexIsAnInvalidResponse() {
		this.server.enqueue(json(200, response(new float[][] { unit(0), unit(1) }, new int[] { 0, 0 })));

		assertThat(failure(() -> embedder(5).embedBatch(List.of("one", "two"))).code()).isEqualTo("invalid_response");
	}

	@Test
	void emptyTextIsRejectedBeforeAnyRequest() {
		IllegalArgumentException ex = catchThrowableOfType(IllegalArgumentException.class,
				() -> embedder(3).embedBatch(List.of("fine", "")));

		assertThat(ex).hasMessageContaining("text 1");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void emptyBatchSendsNothing() {
		assertThat(embedder(3).embedBatch(List.of())).isEmpty();
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void reportsConfiguredFactsAndTheRemoteResilienceInstance() {
		OpenAiEmbedder embedder = embedder(properties(3).maxInputTokens(500));

		assertThat(embedder.dimensions()).isEqualTo(3);
		assertThat(embedder.modelName()).isEqualTo("text-embedding-3-small");
		assertThat(embedder.maxInputTokens()).isEqualTo(500);
		assertThat(embedder.resilienceInstance()).isEqualTo("embedding");
		assertThat(embedder.countTokens("hello world")).isEqualTo(TokenEstimate.count("hello world"));
	}

	@Test
	void healthIsUpWhenTheModelsEndpointAcceptsTheKey() throws Exception {
		this.server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));

		Health health = embedder(3).healthCheck();

		assertThat(health.up()).isTrue();
		assertThat(health.details()).containsEntry("dimensions", 3).doesNotContainValue(API_KEY);
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("GET");
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/models");
	}

	@Test
	void healthIsDownRatherThanThrowingWhenTheServerIsUnreachable() {
		OpenAiEmbedder embedder = embedder(3);
		this.server.close();

		Health health = embedder.healthCheck();

		assertThat(health.up()).isFalse();
		assertThat((String) health.details().get("reason")).startsWith("unreachable");
	}

	@Test
	void rejectsABaseUrlThatIsNotHttp() {
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> new OpenAiEmbedder(properties(3).baseUrl("localhost:11434").build())))
			.hasMessageContaining("ragwell.embedding.openai.base-url");
	}

	@Test
	void batchSizesNeverExceedEitherLimitAndCoverEveryInputInOrder() {
		Random random = new Random(42);
		for (int round = 0; round < 2000; round++) {
			int[] tokens = random.ints(random.nextInt(60), 1, 400).toArray();
			int maxItems = 1 + random.nextInt(10);
			int maxTokens = 1 + random.nextInt(1000);

			List<Integer> sizes = OpenAiEmbedder.batchSizes(tokens, maxItems, maxTokens);

			assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(tokens.length);
			int start = 0;
			for (int i = 0; i < sizes.size(); i++) {
				int size = sizes.get(i);
				int sum = IntStream.range(start, start + size).map((k) -> tokens[k]).sum();
				assertThat(size).isBetween(1, maxItems);
				// Over budget only as a lone input that does not fit any request.
				assertThat(sum <= maxTokens || size == 1).isTrue();
				// Greedy: the next input would not have fitted this request.
				if (i + 1 < sizes.size()) {
					assertThat(size == maxItems || sum + tokens[start + size] > maxTokens).isTrue();
				}
				start += size;
			}
		}
	}

	private static double norm(float[] vector) {
		return Math.sqrt(dot(vector, vector));
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (double) a[i] * b[i];
		}
		return sum;
	}

	/** A unit vector in 5 dimensions along axis {@code axis}. */
	private static float[] unit(int axis) {
		float[] vector = new float[5];
		vector[axis] = 1f;
		return vector;
	}

	/** The spec example's envelope (object, model, usage) with these vectors at these indexes. */
	private static String response(float[][] vectors, int[] indexes) {
		ObjectNode root = (ObjectNode) JSON.readTree(contract("embeddings.response.json"));
		ObjectNode template = (ObjectNode) root.path("data").get(0);
		ArrayNode data = root.putArray("data");
		for (int i = 0; i < vectors.length; i++) {
			ObjectNode item = template.deepCopy();
			item.put("index", indexes[i]);
			ArrayNode embedding = item.putArray("embedding");
			for (float value : vectors[i]) {
				embedding.add(value);
			}
			data.add(item);
		}
		return JSON.writeValueAsString(root);
	}

	private static List<String> inputs(RecordedRequest request) {
		return inputs(JSON.readTree(request.getBody().utf8()));
	}

	private static List<String> inputs(JsonNode body) {
		List<String> inputs = new ArrayList<>();
		body.path("input").forEach((node) -> inputs.add(node.stringValue()));
		return inputs;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> createEmbeddingRequestSchema() throws IOException {
		// The spec is ~3 MB, just under SnakeYAML's default 3 MB code point limit; leave room for growth.
		LoaderOptions options = new LoaderOptions();
		options.setCodePointLimit(64 * 1024 * 1024);
		try (Reader reader = Files.newBufferedReader(SharedData.resolve("contracts/openai/openapi.yaml"))) {
			Map<String, Object> spec = new Yaml(options).load(reader);
			Map<String, Object> components = (Map<String, Object>) spec.get("components");
			Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
			return (Map<String, Object>) schemas.get("CreateEmbeddingRequest");
		}
	}

	static String contract(String name) {
		try {
			return Files.readString(SharedData.resolve("contracts/openai/" + name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private OpenAiEmbedder embedder(int dimensions) {
		return embedder(properties(dimensions));
	}

	private OpenAiEmbedder embedder(PropertiesBuilder properties) {
		OpenAiEmbedder embedder = new OpenAiEmbedder(properties.build());
		this.embedders.add(embedder);
		return embedder;
	}

	private PropertiesBuilder properties(int dimensions) {
		return new PropertiesBuilder(this.server.url("/v1/").toString(), dimensions);
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

	private static RemoteCallException failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		RemoteCallException ex = catchThrowableOfType(RemoteCallException.class, call);
		assertThat(ex).as("expected a RemoteCallException").isNotNull();
		return ex;
	}

	/** Test defaults: the key set, a short timeout, the production batch limits. */
	private static final class PropertiesBuilder {

		private String baseUrl;

		private @Nullable String apiKey = API_KEY;

		private String model = "text-embedding-3-small";

		private final int dimensions;

		private boolean sendDimensions = true;

		private int maxBatchItems = 2048;

		private int maxBatchTokens = 250_000;

		private int maxInputTokens = 7680;

		PropertiesBuilder(String baseUrl, int dimensions) {
			this.baseUrl = baseUrl;
			this.dimensions = dimensions;
		}

		PropertiesBuilder baseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		PropertiesBuilder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		PropertiesBuilder model(String model) {
			this.model = model;
			return this;
		}

		PropertiesBuilder sendDimensions(boolean sendDimensions) {
			this.sendDimensions = sendDimensions;
			return this;
		}

		PropertiesBuilder maxBatchItems(int maxBatchItems) {
			this.maxBatchItems = maxBatchItems;
			return this;
		}

		PropertiesBuilder maxBatchTokens(int maxBatchTokens) {
			this.maxBatchTokens = maxBatchTokens;
			return this;
		}

		PropertiesBuilder maxInputTokens(int maxInputTokens) {
			this.maxInputTokens = maxInputTokens;
			return this;
		}

		OpenAiEmbeddingProperties build() {
			return new OpenAiEmbeddingProperties(this.baseUrl, this.apiKey, this.model, this.dimensions,
					this.sendDimensions, this.maxBatchItems, this.maxBatchTokens, this.maxInputTokens,
					Duration.ofSeconds(5));
		}

	}

}
