package io.ragwell.llm.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ragwell.core.ChatTurn;
import io.ragwell.core.Chunk;
import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmException;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.support.RequiresSharedData;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@RequiresSharedData("contracts/openai")
class OpenAiLlmClientTests {

	private static final String API_KEY = "sk-test-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final List<OpenAiLlmClient> clients = new ArrayList<>();

	@BeforeEach
	void startServer() throws Exception {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(OpenAiLlmClient::close);
		this.server.close();
	}

	@Test
	void returnsTheAnswerTextAndTokenCountsFromUsage() {
		this.server.enqueue(json(200, OpenAiContract.read("chat-completion.response.json")));

		LlmAnswer answer = client(API_KEY, Duration.ofSeconds(5)).generate(request());

		assertThat(answer).isEqualTo(new LlmAnswer("Hello! How can I assist you today?", 19, 10));
	}

	@Test
	void flagsTheFixedAbstentionSentenceTheSystemPromptAsksForAsAnAbstention() {
		String declined = OpenAiContract.read("chat-completion.response.json")
			.replace("Hello! How can I assist you today?", "The sources do not answer this question");
		this.server.enqueue(json(200, declined));

		LlmAnswer answer = client(API_KEY, Duration.ofSeconds(5)).generate(request());

		assertThat(OpenAiLlmClient.SYSTEM_PROMPT).contains(LlmAnswer.ABSTENTION);
		assertThat(answer.abstained()).isTrue();
		assertThat(answer.text()).isEqualTo(LlmAnswer.ABSTENTION);
		assertThat(answer.totalTokens()).isEqualTo(29);
	}

	@Test
	void postsModelSystemAndUserMessagesAndTheBearerKey() throws Exception {
		this.server.enqueue(json(200, OpenAiContract.read("chat-completion.response.json")));

		client(API_KEY, Duration.ofSeconds(5)).generate(request());

		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
		assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
		JsonNode body = JSON.readTree(recorded.getBody().utf8());
		assertThat(body.path("model").stringValue()).isEqualTo("gpt-4o-mini");
		assertThat(body.path("max_tokens").intValue()).isEqualTo(256);
		assertThat(body.path("temperature").doubleValue()).isEqualTo(0.2);
		assertThat(body.has("stream")).isFalse();
		JsonNode messages = body.path("messages");
		assertThat(messages).hasSize(2);
		assertThat(messages.get(0).path("role").stringValue()).isEqualTo("system");
		assertThat(messages.get(0).path("content").stringValue()).contains("[1]").contains("only");
		assertThat(messages.get(1).path("role").stringValue()).isEqualTo("user");
		assertThat(messages.get(1).path("content").stringValue())
			.contains("[1] Entries expire after ten minutes.")
			.contains("How long do cache entries live?");
	}

	@Test
	void sendsNoAuthorizationHeaderToAKeylessOllamaServer() throws Exception {
		// Ollama's /v1 answers in OpenAI's shape, so the OpenAI fixture stands in for it.
		this.server.enqueue(json(200, OpenAiContract.read("chat-completion.response.json")));

		LlmAnswer answer = client(null, Duration.ofSeconds(5)).generate(request());

		assertThat(answer.text()).isEqualTo("Hello! How can I assist you today?");
		assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isNull();
	}

	@Test
	void invalidKeyIsNotRetryableAndKeepsTheProviderMessageWithoutTheKey() {
		this.server.enqueue(json(401, OpenAiContract.read("error-401-invalid-api-key.response.json")));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(401);
		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("invalid_api_key");
		assertThat(ex.getMessage()).contains("Incorrect API key provided").doesNotContain(API_KEY);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void redactsTheKeyWhenAServerEchoesItInFullAndLogsNeitherKeyNorQuestion(CapturedOutput output) {
		this.server.enqueue(json(401, "{\"error\":{\"message\":\"Key " + API_KEY
				+ " is not valid\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.getMessage()).doesNotContain(API_KEY).contains("Key **** is not valid");
		assertThat(output).contains("invalid_api_key")
			.doesNotContain(API_KEY)
			.doesNotContain("How long do cache entries live?")
			.doesNotContain("Entries expire after ten minutes");
	}

	@Test
	void rateLimitIsRetryableAfterTheDelayTheServerAskedFor() {
		this.server.enqueue(new MockResponse.Builder().code(429)
			.headers(OpenAiContract.rateLimitHeaders())
			.setHeader("Content-Type", "application/json")
			.body(OpenAiContract.read("error-429-rate-limit.response.json"))
			.build());

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("rate_limit_exceeded");
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20));
		assertThat(ex.getMessage()).contains("Rate limit reached");
	}

	@Test
	void insufficientQuotaIsNotRetryableDespiteItsStatus() {
		this.server.enqueue(json(429, OpenAiContract.read("error-429-insufficient-quota.response.json")));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("insufficient_quota");
		assertThat(ex.retryAfter()).isNull();
	}

	@Test
	void contextLengthExceededIsNotRetryable() {
		this.server.enqueue(json(400, OpenAiContract.read("error-400-context-length.response.json")));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.retryable()).isFalse();
		assertThat(ex.code()).isEqualTo("context_length_exceeded");
		assertThat(ex.getMessage()).contains("maximum context length is 8192 tokens");
	}

	@Test
	void serverErrorIsRetryableAndFallsBackToTheErrorTypeWhenCodeIsNull() {
		this.server.enqueue(json(500, """
				{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"""));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(500);
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("server_error");
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 409, 502, 503, 504 })
	void transientStatusesAreRetryable(int status) {
		// OkHttp itself repeats a request once after a 408, so the server answers twice.
		this.server.enqueue(json(status, "{}"));
		this.server.enqueue(json(status, "{}"));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(status);
		assertThat(ex.retryable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void clientErrorsAreNotRetryable(int status) {
		this.server.enqueue(json(status, "{}"));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).generate(request()));

		assertThat(ex.status()).isEqualTo(status);
		assertThat(ex.retryable()).isFalse();
	}

	@Test
	void readsOllamasPlainStringErrorAndANonJsonGatewayPage() {
		// The shape documented in ollama/errors.mdx.
		this.server.enqueue(json(500, "{\"error\": \"the model failed to generate a response\"}"));
		this.server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());
		OpenAiLlmClient client = client(null, Duration.ofSeconds(5));

		LlmException ollama = failure(() -> client.generate(request()));
		LlmException gateway = failure(() -> client.generate(request()));

		assertThat(ollama.getMessage()).contains("the model failed to generate a response");
		assertThat(ollama.retryable()).isTrue();
		assertThat(gateway.getMessage()).contains("Bad Gateway");
		assertThat(gateway.status()).isEqualTo(502);
	}

	@Test
	void serverThatDoesNotAnswerWithinTheTimeoutIsARetryableTimeout() {
		this.server.enqueue(json(200, OpenAiContract.read("chat-completion.response.json")).newBuilder()
			.headersDelay(10, TimeUnit.SECONDS)
			.build());

		LlmException ex = failure(() -> client(API_KEY, Duration.ofMillis(300)).generate(request()));

		assertThat(ex.status()).isZero();
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("timeout");
	}

	@Test
	void unreachableServerIsARetryableIoError() {
		OpenAiLlmClient client = client(API_KEY, Duration.ofSeconds(5));
		this.server.close();

		LlmException ex = failure(() -> client.generate(request()));

		assertThat(ex.status()).isZero();
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("io_error");
	}

	@Test
	void streamsDeltasThatAddUpToTheFinalTextWithUsageFromTheLastChunk() throws Exception {
		this.server.enqueue(sse(OpenAiContract.read("chat-completion-stream-include-usage.sse")));
		List<String> deltas = new ArrayList<>();

		LlmAnswer answer = client(API_KEY, Duration.ofSeconds(5)).stream(request(), deltas::add);

		assertThat(deltas).containsExactly("Hello", " [1].");
		assertThat(String.join("", deltas)).isEqualTo(answer.text());
		assertThat(answer).isEqualTo(new LlmAnswer("Hello [1].", 19, 3));
		JsonNode body = JSON.readTree(this.server.takeRequest().getBody().utf8());
		assertThat(body.path("stream").booleanValue()).isTrue();
		assertThat(body.path("stream_options").path("include_usage").booleanValue()).isTrue();
		assertThat(body.path("max_tokens").intValue()).isEqualTo(256);
	}

	@Test
	void streamToleratesCrlfCommentsAndEventFields() {
		String fixture = OpenAiContract.read("chat-completion-stream-include-usage.sse");
		String noisy = ": keep-alive\n\nevent: message\nid: 1\n" + fixture.replace("\n", "\r\n");
		this.server.enqueue(sse(noisy));
		List<String> deltas = new ArrayList<>();

		LlmAnswer answer = client(API_KEY, Duration.ofSeconds(5)).stream(request(), deltas::add);

		assertThat(answer).isEqualTo(new LlmAnswer("Hello [1].", 19, 3));
		assertThat(deltas).containsExactly("Hello", " [1].");
	}

	@Test
	void streamThatEndsBeforeDoneIsARetryableFailure() {
		String fixture = OpenAiContract.read("chat-completion-stream-include-usage.sse");
		String cut = fixture.substring(0, fixture.indexOf("data: {", fixture.indexOf("\"finish_reason\":\"stop\"")));
		this.server.enqueue(sse(cut));
		List<String> deltas = new ArrayList<>();

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).stream(request(), deltas::add));

		assertThat(deltas).containsExactly("Hello", " [1].");
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.code()).isEqualTo("stream_truncated");
	}

	@Test
	void errorPayloadInsideA200StreamIsAFailure() {
		String fixture = OpenAiContract.read("chat-completion-stream-include-usage.sse");
		String firstChunk = fixture.substring(0, fixture.indexOf("\n\n") + 2);
		this.server.enqueue(sse(firstChunk + """
				data: {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}

				"""));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).stream(request(), (delta) -> {
		}));

		assertThat(ex.code()).isEqualTo("server_error");
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.getMessage()).contains("The server had an error");
	}

	@Test
	void historyGoesBetweenTheInstructionsAndTheQuestion() throws Exception {
		this.server.enqueue(json(200, OpenAiContract.read("chat-completion.response.json")));
		LlmRequest single = request();
		LlmRequest followUp = new LlmRequest(single.question(), single.sources(),
				single.context(), List.of(new ChatTurn(ChatTurn.Role.USER, "What is cached?"),
						new ChatTurn(ChatTurn.Role.ASSISTANT, "Query responses [1].")));

		client(API_KEY, Duration.ofSeconds(5)).generate(followUp);

		JsonNode messages = JSON.readTree(this.server.takeRequest().getBody().utf8()).path("messages");
		assertThat(messages.valueStream().map((m) -> m.path("role").asString()).toList())
			.containsExactly("system", "user", "assistant", "user");
		assertThat(messages.path(1).path("content").asString()).isEqualTo("What is cached?");
		assertThat(messages.path(2).path("content").asString()).isEqualTo("Query responses [1].");
		assertThat(messages.path(3).path("content").asString()).endsWith("Question: How long do cache entries live?");
	}

	@Test
	void aStreamSilentLongerThanItsReadTimeoutFailsLongBeforeTheCallTimeout() {
		String fixture = OpenAiContract.read("chat-completion-stream-include-usage.sse");
		String firstChunks = fixture.substring(0, fixture.indexOf("\n\n", fixture.indexOf("Hello")) + 2);
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.body(new Stalling(firstChunks, Duration.ofSeconds(5), false))
			.build());
		List<String> deltas = new ArrayList<>();
		long start = System.nanoTime();

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(30), Duration.ofMillis(300)).stream(request(),
				deltas::add));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		assertThat(deltas).containsExactly("Hello");
		assertThat(ex.code()).isEqualTo("timeout");
		assertThat(ex.retryable()).isTrue();
	}

	@Test
	void interruptingTheStreamingThreadClosesTheConnection() throws Exception {
		String fixture = OpenAiContract.read("chat-completion-stream-include-usage.sse");
		String firstChunks = fixture.substring(0, fixture.indexOf("\n\n", fixture.indexOf("Hello")) + 2);
		Stalling stalling = new Stalling(firstChunks, Duration.ofSeconds(20), true);
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.body(stalling)
			.build());
		OpenAiLlmClient client = client(API_KEY, Duration.ofSeconds(30));
		java.util.concurrent.CountDownLatch firstDelta = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();

		// Virtual, as request threads and resilience attempts are: an interrupt ends its blocked socket read.
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				client.stream(request(), (delta) -> firstDelta.countDown());
			}
			catch (RuntimeException ex) {
				failure.set(ex);
			}
		});
		assertThat(firstDelta.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		caller.interrupt();

		assertThat(caller.join(Duration.ofSeconds(3))).as("the stream ended when interrupted").isTrue();
		assertThat(failure.get()).isInstanceOf(LlmException.class);
		assertThat(((LlmException) failure.get()).code()).isEqualTo("cancelled");
		assertThat(((LlmException) failure.get()).retryable()).isFalse();
		// The server's next write meets the closed connection, long before its 20 s were up.
		assertThat(stalling.closed.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
	}

	/**
	 * Writes {@code start}, then keeps the stream open for {@code stall}: silent, or with a comment every 100 ms
	 * (a model still thinking); records when a write fails because the client closed the connection.
	 */
	private static final class Stalling implements mockwebserver3.MockResponseBody {

		private final String start;

		private final Duration stall;

		private final boolean keepAlive;

		final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

		Stalling(String start, Duration stall, boolean keepAlive) {
			this.start = start;
			this.stall = stall;
			this.keepAlive = keepAlive;
		}

		@Override
		public long getContentLength() {
			return -1;
		}

		@Override
		public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
			try {
				sink.writeUtf8(this.start);
				sink.flush();
				long end = System.nanoTime() + this.stall.toNanos();
				while (System.nanoTime() < end) {
					Thread.sleep(100);
					if (this.keepAlive) {
						sink.writeUtf8(": keep-alive\n\n");
						sink.flush();
					}
				}
			}
			catch (java.io.IOException ex) {
				this.closed.countDown();
				throw ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@Test
	void streamingErrorStatusIsMappedLikeGenerate() {
		this.server.enqueue(json(429, OpenAiContract.read("error-429-insufficient-quota.response.json")));

		LlmException ex = failure(() -> client(API_KEY, Duration.ofSeconds(5)).stream(request(), (delta) -> {
		}));

		assertThat(ex.status()).isEqualTo(429);
		assertThat(ex.retryable()).isFalse();
	}

	@Test
	void healthIsUpWhenTheModelsEndpointAcceptsTheKey() throws Exception {
		this.server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));

		Health health = client(API_KEY, Duration.ofSeconds(5)).healthCheck();

		assertThat(health.up()).isTrue();
		assertThat(health.details()).containsEntry("model", "gpt-4o-mini").doesNotContainValue(API_KEY);
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("GET");
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/models");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
	}

	@Test
	void healthIsDownWithTheStatusWhenTheModelsEndpointRefuses() {
		this.server.enqueue(json(401, OpenAiContract.read("error-401-invalid-api-key.response.json")));

		Health health = client(API_KEY, Duration.ofSeconds(5)).healthCheck();

		assertThat(health.up()).isFalse();
		assertThat(health.details()).containsEntry("status", 401);
	}

	@Test
	void healthIsDownRatherThanThrowingWhenTheServerIsUnreachable() {
		OpenAiLlmClient client = client(API_KEY, Duration.ofSeconds(5));
		this.server.close();

		Health health = client.healthCheck();

		assertThat(health.up()).isFalse();
		assertThat((String) health.details().get("reason")).startsWith("unreachable");
	}

	@Test
	void rejectsABaseUrlThatIsNotHttp() {
		LlmProperties properties = new LlmProperties("openai", "localhost:11434", null, "m", Duration.ofSeconds(1),
				1, 0, 1, 0, Duration.ofSeconds(1), new LlmProperties.Extractive(0, 0, 1, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false));

		assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new OpenAiLlmClient(properties)))
			.hasMessageContaining("ragwell.llm.base-url");
	}

	@Test
	void reportsProviderAndModel() {
		OpenAiLlmClient client = client(API_KEY, Duration.ofSeconds(5));

		assertThat(client.provider()).isEqualTo("openai");
		assertThat(client.model()).isEqualTo("gpt-4o-mini");
	}

	private OpenAiLlmClient client(@Nullable String apiKey, Duration timeout) {
		return client(apiKey, timeout, timeout);
	}

	private OpenAiLlmClient client(@Nullable String apiKey, Duration timeout, Duration streamReadTimeout) {
		LlmProperties properties = new LlmProperties("openai", this.server.url("/v1/").toString(), apiKey,
				"gpt-4o-mini", timeout, 256, 0.2, 3, 0, streamReadTimeout, new LlmProperties.Extractive(0, 0, 1, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false));
		OpenAiLlmClient client = new OpenAiLlmClient(properties);
		this.clients.add(client);
		return client;
	}

	private static LlmRequest request() {
		Chunk chunk = new Chunk("doc#0", "doc", "Entries expire after ten minutes.", 0, Map.of(), 6, null, "h");
		return new LlmRequest("How long do cache entries live?",
				List.of(new SearchResult(chunk, 1.0, 1, null, null)), "[1] Entries expire after ten minutes.");
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

	private static MockResponse sse(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
	}

	private static LlmException failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		LlmException ex = catchThrowableOfType(LlmException.class, call);
		assertThat(ex).as("expected an LlmException").isNotNull();
		return ex;
	}

}
