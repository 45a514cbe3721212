package io.ragwell.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.ragwell.llm.FallbackLlmClient;
import io.ragwell.llm.openai.OpenAiContract;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.Sse;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming with an OpenAI-compatible provider (a MockWebServer speaking the chat-completions SSE format of
 * {@code shared/contracts/openai}): the provider's chunks reach the client as they come, a client that hangs
 * up cancels the provider's stream, a provider that fails mid-answer ends the stream with an {@code error}
 * event, and one that fails before its first token is replaced by the extractive answerer.
 */
@RagwellIntegrationTest(properties = { "ragwell.llm.provider=openai", "ragwell.llm.api-key=sk-test",
		"ragwell.llm.stream-read-timeout=5s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmStreamingIT {

	private static final MockWebServer provider = new MockWebServer();

	/** What the next chat calls answer, in order; the test puts them there. */
	private static final BlockingQueue<MockResponse> answers = new LinkedBlockingQueue<>();

	private static final AtomicInteger chatCalls = new AtomicInteger();

	/** The bodies of the chat calls, in order. */
	private static final List<String> chatBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) throws IOException {
		provider.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (!request.getUrl().encodedPath().endsWith("/chat/completions")) {
					return new MockResponse.Builder().code(200)
						.setHeader("Content-Type", "application/json")
						.body("{\"object\":\"list\",\"data\":[]}")
						.build();
				}
				chatCalls.incrementAndGet();
				chatBodies.add((request.getBody() != null) ? request.getBody().utf8() : "");
				MockResponse next = answers.poll();
				return (next != null) ? next : new MockResponse.Builder().code(500)
					.body("{\"error\":{\"message\":\"unscripted\",\"type\":\"server_error\"}}")
					.build();
			}
		});
		provider.start();
		registry.add("ragwell.llm.base-url", () -> provider.url("/v1").toString());
	}

	@AfterAll
	static void stopProvider() {
		provider.close();
	}

	@LocalServerPort
	int port;

	@BeforeAll
	void ingest() {
		RagwellHttp.Response response = new RagwellHttp(this.port).post("/documents", Map.of("id", "llm-stream-cache",
				"content", "Cache entries expire after ten minutes. The cache is cleared when a document changes. "
						+ "Entries are keyed by namespace, query and filters."));
		assertThat(response.status()).as(response.body()).isBetween(200, 201);
	}

	@BeforeEach
	void resetScript() {
		answers.clear();
		chatCalls.set(0);
		chatBodies.clear();
	}

	@Test
	@RequiresSharedData("contracts/openai")
	void relaysTheProvidersChunksAsDeltasAndItsUsageAsTokensUsed() {
		answers.add(sse(OpenAiContract.read("chat-completion-stream-include-usage.sse")));

		List<Sse.Event> events = stream("How long do cache entries live?");

		assertThat(events).extracting(Sse.Event::name).containsExactly("sources", "delta", "delta", "done");
		assertThat(events.subList(1, 3)).extracting((event) -> json(event).path("text").asString())
			.containsExactly("Hello", " [1].");
		JsonNode done = json(events.get(3));
		assertThat(done.path("mode").asString()).isEqualTo("openai");
		assertThat(done.path("tokens_used").asInt()).isEqualTo(22);
		assertThat(done.path("degraded").asBoolean()).isFalse();
		assertThat(json(events.get(0)).path(0).path("chunk").path("document_id").asString())
			.isEqualTo("llm-stream-cache");
	}

	@Test
	void aClientThatHangsUpCancelsTheProvidersStream() throws Exception {
		SlowStream slow = new SlowStream(3, 200, Duration.ofMillis(100));
		answers.add(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.body(slow)
			.build());

		long hungUpAt;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(30_000);
			byte[] body = "{\"query\":\"When is the cache cleared?\"}".getBytes(StandardCharsets.UTF_8);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /query/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			int deltas = 0;
			String line;
			while (deltas < 3 && (line = in.readLine()) != null) {
				if (line.equals("event: delta")) {
					deltas++;
				}
			}
			assertThat(deltas).as("deltas read before hanging up").isEqualTo(3);
			hungUpAt = System.nanoTime();
		}

		assertThat(slow.cancelled.await(10, TimeUnit.SECONDS)).as("the provider saw its stream cancelled").isTrue();
		assertThat(slow.written.get()).as("chunks the provider wrote").isLessThan(203);
		// Nothing was written to the hung-up client after the third delta (the provider only kept the stream
		// alive), so the service learnt of the hang-up from its probe (every 250 ms), not from a failed write.
		// The provider's next write or the one after (100 ms apart) then fails on the closed connection.
		assertThat(Duration.ofNanos(slow.failedAt.get() - hungUpAt)).isLessThan(Duration.ofSeconds(3));
		assertThat(chatCalls.get()).as("no retry after the client left").isEqualTo(1);
	}

	@Test
	void aProviderFailureAfterTheFirstTokenEndsTheStreamWithAnErrorEvent() {
		answers.add(sse(chunk("Entries expire") + "data: {\"error\":{\"message\":\"The server had an error\","
				+ "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"));

		List<Sse.Event> events = stream("What are cache entries keyed by?");

		assertThat(events).extracting(Sse.Event::name).containsExactly("sources", "delta", "error");
		assertThat(json(events.get(1)).path("text").asString()).isEqualTo("Entries expire");
		JsonNode problem = json(events.get(2));
		assertThat(problem.path("type").asString()).isEqualTo("urn:ragwell:problem:llm-unavailable");
		assertThat(problem.path("status").asInt()).isEqualTo(502);
		assertThat(problem.path("instance").asString()).isEqualTo("/query/stream");
		// Partial output is never retried (the text would repeat) nor replaced by the extractive answer.
		assertThat(chatCalls.get()).isEqualTo(1);
	}

	@Test
	void aProviderThatFailsBeforeItsFirstTokenIsReplacedByTheExtractiveAnswer() {
		for (int i = 0; i < 3; i++) {
			answers.add(new MockResponse.Builder().code(503)
				.setHeader("Content-Type", "application/json")
				.body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,"
						+ "\"code\":null}}")
				.build());
		}

		List<Sse.Event> events = stream("How long until cache entries expire?");

		assertThat(events).extracting(Sse.Event::name).first().isEqualTo("sources");
		assertThat(events).extracting(Sse.Event::name).last().isEqualTo("done");
		assertThat(events.subList(1, events.size() - 1)).extracting(Sse.Event::name).isNotEmpty().containsOnly("delta");
		JsonNode done = json(events.getLast());
		assertThat(done.path("degraded").asBoolean()).isTrue();
		assertThat(done.path("mode").asString()).isEqualTo("extractive");
		assertThat(done.path("warnings").values()).extracting(JsonNode::asString)
			.contains(FallbackLlmClient.DEGRADED_WARNING);
		// Retried as application.yml says before falling back.
		assertThat(chatCalls.get()).isEqualTo(3);
	}

	@Test
	void aFollowUpIsRewrittenByTheLlmAndTheConversationReachesIt() {
		answers.add(completion("When is the cache cleared?", 40, 7));
		answers.add(completion("The cache is cleared when a document changes [1].", 120, 12));

		RagwellHttp.Response response = new RagwellHttp(this.port).post("/v1/chat/completions", Map.of("model",
				"ragwell", "messages",
				List.of(Map.of("role", "system", "content", "Be brief."),
						Map.of("role", "user", "content", "How long do cache entries live?"),
						Map.of("role", "assistant", "content", "Entries expire after ten minutes [1]."),
						Map.of("role", "user", "content", "and when is it cleared?"))));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.path("choices").path(0).path("message").path("content").asString())
			.isEqualTo("The cache is cleared when a document changes [1].");
		assertThat(body.path("ragwell").path("question").asString()).isEqualTo("When is the cache cleared?");
		assertThat(body.path("sources").path(0).path("chunk").path("document_id").asString())
			.isEqualTo("llm-stream-cache");
		// Usage is the answer's, as the provider reported it.
		assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(120);
		assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(12);
		assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(132);

		assertThat(chatBodies).hasSize(2);
		// The rewrite: one instruction holding the conversation and the follow-up.
		JsonNode rewrite = RagwellHttp.JSON.readTree(chatBodies.get(0));
		assertThat(rewrite.path("messages")).hasSize(1);
		assertThat(rewrite.path("messages").path(0).path("content").asString())
			.contains("User: How long do cache entries live?")
			.contains("Assistant: Entries expire after ten minutes [1].")
			.contains("Follow-up question: and when is it cleared?")
			.doesNotContain("Be brief.");
		// The answer: Ragwell's instructions, the history, then the context and the standalone question.
		JsonNode answer = RagwellHttp.JSON.readTree(chatBodies.get(1));
		assertThat(answer.path("messages").valueStream().map((m) -> m.path("role").asString()).toList())
			.containsExactly("system", "user", "assistant", "user");
		assertThat(answer.path("messages").path(1).path("content").asString())
			.isEqualTo("How long do cache entries live?");
		assertThat(answer.path("messages").path(3).path("content").asString()).contains("Context:")
			.contains("The cache is cleared when a document changes")
			.endsWith("Question: When is the cache cleared?");
	}

	@Test
	void aStreamedChatCompletionThatFailsMidwayEndsWithOpenAisErrorObject() {
		answers.add(sse(chunk("Entries") + "data: {\"error\":{\"message\":\"The server had an error\","
				+ "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"));

		RagwellHttp.Response response = new RagwellHttp(this.port).post("/v1/chat/completions", Map.of("model",
				"ragwell", "stream", true, "messages", List.of(Map.of("role", "user", "content", "What keys entries?"))));

		assertThat(response.status()).isEqualTo(200);
		List<Sse.Event> events = Sse.parse(response.body());
		assertThat(events).hasSize(3).extracting(Sse.Event::name).containsOnly("message");
		assertThat(json(events.get(0)).path("choices").path(0).path("delta").path("role").asString())
			.isEqualTo("assistant");
		assertThat(json(events.get(0)).path("sources")).isNotEmpty();
		assertThat(json(events.get(1)).path("choices").path(0).path("delta").path("content").asString())
			.isEqualTo("Entries");
		JsonNode error = json(events.get(2)).path("error");
		assertThat(error.path("type").asString()).isEqualTo("server_error");
		assertThat(error.path("code").asString()).isEqualTo("llm_unavailable");
		assertThat(error.has("param")).isTrue();
		assertThat(response.body()).doesNotContain("[DONE]");
	}

	private static MockResponse completion(String content, int promptTokens, int completionTokens) {
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body("{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":"
					+ "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
					+ RagwellHttp.JSON.writeValueAsString(content) + ",\"refusal\":null},\"logprobs\":null,"
					+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + promptTokens
					+ ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
					+ (promptTokens + completionTokens) + "}}")
			.build();
	}

	private List<Sse.Event> stream(String question) {
		RagwellHttp.Response response = new RagwellHttp(this.port).post("/query/stream", Map.of("query", question));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return Sse.parse(response.body());
	}

	private static JsonNode json(Sse.Event event) {
		return RagwellHttp.JSON.readTree(event.data());
	}

	private static MockResponse sse(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
	}

	/** One {@code chat.completion.chunk} carrying {@code text}, as the contract's stream fixture shapes them. */
	static String chunk(String text) {
		return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
				+ "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
				+ RagwellHttp.JSON.writeValueAsString(text) + "},\"logprobs\":null,\"finish_reason\":null}],"
				+ "\"usage\":null}\n\n";
	}

	/**
	 * A provider that writes a few chunks of text, then keeps the stream alive with SSE comments (a model still
	 * thinking) every {@code interval}, each flushed, until {@code keepAlives} are written or a write fails
	 * because the reader closed the connection, which it records.
	 */
	private static final class SlowStream implements MockResponseBody {

		private final int chunks;

		private final int keepAlives;

		private final Duration interval;

		final AtomicInteger written = new AtomicInteger();

		final AtomicLong failedAt = new AtomicLong();

		final CountDownLatch cancelled = new CountDownLatch(1);

		SlowStream(int chunks, int keepAlives, Duration interval) {
			this.chunks = chunks;
			this.keepAlives = keepAlives;
			this.interval = interval;
		}

		@Override
		public long getContentLength() {
			return -1;
		}

		@Override
		public void writeTo(BufferedSink sink) throws IOException {
			try {
				for (int i = 0; i < this.chunks + this.keepAlives; i++) {
					sink.writeUtf8((i < this.chunks) ? chunk("word" + i + " ") : ": keep-alive\n\n");
					sink.flush();
					this.written.incrementAndGet();
					Thread.sleep(this.interval.toMillis());
				}
				sink.writeUtf8("data: [DONE]\n\n");
				sink.flush();
			}
			catch (IOException ex) {
				this.failedAt.set(System.nanoTime());
				this.cancelled.countDown();
				throw ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
