package io.ragwell.ops.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.ragwell.core.Chunk;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmException;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.llm.openai.OpenAiContract;
import io.ragwell.llm.openai.OpenAiLlmClient;
import io.ragwell.support.RequiresSharedData;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fault injection against the real {@link OpenAiLlmClient} wrapped in {@link ResilientLlmClient}, with a
 * {@link MockWebServer} playing the provider and the OpenAI contract fixtures from {@code ../shared}.
 */
@RequiresSharedData("contracts/openai")
class ResilientLlmClientFaultTests {

	private static final Duration CAP = Duration.ofSeconds(5);

	private final MockWebServer server = new MockWebServer();

	private OpenAiLlmClient openAi;

	private ResiliencePolicy policy;

	private ResilientLlmClient client;

	@BeforeEach
	void start() throws IOException {
		this.server.start();
		// The adapter's own timeout is well above the time limiter's, so timeouts below are the limiter's.
		this.openAi = new OpenAiLlmClient(new LlmProperties("openai", this.server.url("/v1").toString(), "sk-test",
				"gpt-4o-mini", Duration.ofSeconds(30), 64, 0, 3, 0, Duration.ofSeconds(30), new LlmProperties.Extractive(0, 0, 1, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false)));
		this.policy = TestPolicies.llm(CAP);
		this.client = new ResilientLlmClient(this.openAi, this.policy);
	}

	@AfterEach
	void stop() throws Exception {
		this.client.close();
		this.server.close();
	}

	@Test
	void rateLimitedCallWaitsForRetryAfterThenSucceeds() {
		this.server.enqueue(json(429, fixture("error-429-rate-limit.response.json"),
				rateLimitHeaders().newBuilder().set("retry-after", "1").removeAll("retry-after-ms").build()));
		this.server.enqueue(json(200, fixture("chat-completion.response.json")));

		long start = System.nanoTime();
		LlmAnswer answer = this.client.generate(request());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(answer.text()).isEqualTo("Hello! How can I assist you today?");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		// The backoff alone would be ~20 ms: only honouring Retry-After makes the call take a second.
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void retryAfterLongerThanTheCapFailsAtOnceWithoutWaiting() {
		// The fixture's own values: retry-after 20 s, retry-after-ms 20000, four times the cap.
		this.server.enqueue(json(429, fixture("error-429-rate-limit.response.json"), rateLimitHeaders()));
		this.server.enqueue(json(200, fixture("chat-completion.response.json")));

		long start = System.nanoTime();
		Throwable failure = catchThrowable(() -> this.client.generate(request()));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(failure).isInstanceOfSatisfying(LlmException.class, (ex) -> {
			assertThat(ex.status()).isEqualTo(429);
			assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(20));
		});
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(elapsed).isLessThan(CAP);
	}

	@Test
	void insufficientQuotaIsNotRetried() {
		this.server.enqueue(json(429, fixture("error-429-insufficient-quota.response.json"), Headers.of()));
		this.server.enqueue(json(200, fixture("chat-completion.response.json")));

		Throwable failure = catchThrowable(() -> this.client.generate(request()));

		assertThat(failure).isInstanceOfSatisfying(LlmException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("insufficient_quota"));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void serverErrorsAreRetriedUntilTheAnswerComes() {
		this.server.enqueue(json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Headers.of()));
		this.server.enqueue(json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}", Headers.of()));
		this.server.enqueue(json(200, fixture("chat-completion.response.json")));

		LlmAnswer answer = this.client.generate(request());

		assertThat(answer.text()).isEqualTo("Hello! How can I assist you today?");
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void badRequestIsNotRetriedAndNeverOpensTheCircuit() {
		this.server.setDispatcher(respondAlways(json(400, fixture("error-400-context-length.response.json"),
				Headers.of())));

		Throwable first = catchThrowable(() -> this.client.generate(request()));
		assertThat(first).isInstanceOfSatisfying(LlmException.class, (ex) -> assertThat(ex.status()).isEqualTo(400));
		assertThat(this.server.getRequestCount()).isEqualTo(1);

		for (int i = 0; i < TestPolicies.WINDOW * 3; i++) {
			assertThat(catchThrowable(() -> this.client.generate(request()))).isInstanceOf(LlmException.class);
		}
		// Every call reached the provider: none was refused by an open circuit.
		assertThat(this.server.getRequestCount()).isEqualTo(1 + TestPolicies.WINDOW * 3);
		assertThat(this.policy.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void serverThatNeverAnswersTimesOutEachAttemptAndFailsRetryably() {
		this.server.setDispatcher(respondAlways(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS)
			.code(200)
			.body(fixture("chat-completion.response.json"))
			.build()));

		long start = System.nanoTime();
		Throwable failure = catchThrowable(() -> this.client.generate(request()));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(failure).isInstanceOfSatisfying(LlmException.class, (ex) -> {
			assertThat(ex.retryable()).isTrue();
			assertThat(ex.code()).isEqualTo("timeout");
		});
		assertThat(this.server.getRequestCount()).isEqualTo(TestPolicies.MAX_ATTEMPTS);
		assertThat(elapsed).isGreaterThanOrEqualTo(TestPolicies.ATTEMPT_TIMEOUT.multipliedBy(TestPolicies.MAX_ATTEMPTS));
		assertNoAttemptThreadOutlives();
	}

	@Test
	void streamThatStallsAfterPartialOutputFailsWithoutRetryingOrRepeatingText() {
		String sse = fixture("chat-completion-stream-include-usage.sse");
		// Everything up to and including the second content delta, then the connection goes quiet.
		int cut = sse.indexOf("\n\n", sse.indexOf("[1].")) + 2;
		this.server.setDispatcher(respondAlways(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.body(sse)
			.throttleBody(cut, 20, TimeUnit.SECONDS)
			.build()));
		List<String> deltas = new CopyOnWriteArrayList<>();

		Throwable failure = catchThrowable(() -> this.client.stream(request(), deltas::add));

		assertThat(failure).isInstanceOf(LlmException.class);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(deltas).containsExactly("Hello", " [1].");
		assertNoAttemptThreadOutlives();
	}

	@Test
	void interruptingTheCallerCancelsItsAttemptAtOnceWithoutRetrying() throws Exception {
		String sse = fixture("chat-completion-stream-include-usage.sse");
		String start = sse.substring(0, sse.indexOf("\n\n", sse.indexOf("Hello")) + 2);
		java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
		// The first delta, then a model "thinking": keep-alive comments every 100 ms, for longer than the limiter.
		this.server.setDispatcher(respondAlways(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.body(new mockwebserver3.MockResponseBody() {
				@Override
				public long getContentLength() {
					return -1;
				}

				@Override
				public void writeTo(okio.BufferedSink sink) throws IOException {
					try {
						sink.writeUtf8(start);
						sink.flush();
						for (int i = 0; i < 100; i++) {
							Thread.sleep(100);
							sink.writeUtf8(": keep-alive\n\n");
							sink.flush();
						}
					}
					catch (IOException ex) {
						closed.countDown();
						throw ex;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			})
			.build()));
		java.util.concurrent.CountDownLatch firstDelta = new java.util.concurrent.CountDownLatch(1);
		Thread caller = Thread.ofVirtual().start(() -> catchThrowable(() -> this.client.stream(request(), (delta) -> firstDelta.countDown())));
		assertThat(firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
		long interruptedAt = System.nanoTime();

		caller.interrupt();

		assertThat(caller.join(Duration.ofSeconds(2))).isTrue();
		assertThat(closed.await(2, TimeUnit.SECONDS)).as("the provider saw the connection closed").isTrue();
		// Well inside the 2.5 s time limiter: the attempt was cancelled, not timed out.
		assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(TestPolicies.ATTEMPT_TIMEOUT);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertNoAttemptThreadOutlives();
	}

	@Test
	void streamThatFailsBeforeAnyOutputIsRetriedAndDeliversTheTextOnce() {
		this.server.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", Headers.of()));
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "text/event-stream")
			.body(fixture("chat-completion-stream-include-usage.sse"))
			.build());
		List<String> deltas = new CopyOnWriteArrayList<>();

		LlmAnswer answer = this.client.stream(request(), deltas::add);

		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(deltas).containsExactly("Hello", " [1].");
		assertThat(answer.text()).isEqualTo("Hello [1].");
	}

	@Test
	void circuitOpensOnFailuresFailsFastAndClosesAfterASuccessfulProbe() throws InterruptedException {
		AtomicReference<MockResponse> next = new AtomicReference<>(
				json(500, "{\"error\":{\"message\":\"down\",\"type\":\"server_error\"}}", Headers.of()));
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return next.get();
			}
		});

		// Each call makes up to three attempts, each counted; the window is four calls at 50 %.
		Throwable failure = null;
		for (int i = 0; i < 5 && !(failure instanceof CallNotPermittedException); i++) {
			failure = catchThrowable(() -> this.client.generate(request()));
		}
		assertThat(failure).isInstanceOf(CallNotPermittedException.class);
		assertThat(this.policy.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int requestsWhenOpened = this.server.getRequestCount();
		assertThat(requestsWhenOpened).isGreaterThanOrEqualTo(TestPolicies.WINDOW / 2);

		for (int i = 0; i < 5; i++) {
			assertThat(catchThrowable(() -> this.client.generate(request())))
				.isInstanceOf(CallNotPermittedException.class);
		}
		assertThat(this.server.getRequestCount()).isEqualTo(requestsWhenOpened);

		next.set(json(200, fixture("chat-completion.response.json"), Headers.of()));
		Thread.sleep(TestPolicies.OPEN_STATE_WAIT.plusMillis(200));

		assertThat(this.client.generate(request()).text()).isEqualTo("Hello! How can I assist you today?");
		assertThat(this.policy.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.server.getRequestCount()).isEqualTo(requestsWhenOpened + 1);
	}

	@Test
	void noThreadOutlivesTheScenarios() throws Exception {
		Set<String> before = platformThreads();
		serverThatNeverAnswersTimesOutEachAttemptAndFailsRetryably();
		this.server.setDispatcher(respondAlways(json(500, "{}", Headers.of())));
		catchThrowable(() -> this.client.generate(request()));
		this.client.close();
		this.server.close();

		assertNoAttemptThreadOutlives();
		// OkHttp's task runner and MockWebServer's pool threads idle out on their own schedule, and Resilience4j
		// starts one JVM-wide scheduler thread for the circuit's automatic half-open transition the first time a
		// circuit opens; anything else new would be ours.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		Set<String> leaked;
		do {
			leaked = platformThreads();
			leaked.removeAll(before);
			leaked.removeIf((name) -> name.startsWith("OkHttp") || name.startsWith("MockWebServer")
					|| name.startsWith("CircuitBreakerAutoTransitionThread"));
		}
		while (!leaked.isEmpty() && System.nanoTime() < deadline && pause());
		assertThat(leaked).isEmpty();
	}

	private void assertNoAttemptThreadOutlives() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.policy.runningAttempts() > 0 && System.nanoTime() < deadline && pause()) {
			// An abandoned attempt is interrupted; give its virtual thread a moment to unwind.
		}
		assertThat(this.policy.runningAttempts()).isZero();
	}

	private static boolean pause() {
		try {
			Thread.sleep(50);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Set<String> platformThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map((thread) -> thread.getName() + "#" + thread.threadId())
			.collect(Collectors.toSet());
	}

	private static Dispatcher respondAlways(MockResponse response) {
		return new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return response;
			}
		};
	}

	static String fixture(String name) {
		return OpenAiContract.read(name);
	}

	static Headers rateLimitHeaders() {
		return OpenAiContract.rateLimitHeaders();
	}

	private static MockResponse json(int status, String body) {
		return json(status, body, Headers.of());
	}

	private static MockResponse json(int status, String body, Headers headers) {
		return new MockResponse.Builder().code(status)
			.headers(headers)
			.setHeader("Content-Type", "application/json")
			.body(body)
			.build();
	}

	static LlmRequest request() {
		Chunk chunk = new Chunk("doc#0", "doc", "Entries expire after ten minutes.", 0, Map.of(), 6, null, "h");
		return new LlmRequest("How long do cache entries live?",
				List.of(new SearchResult(chunk, 1.0, 1, null, null)), "[1] Entries expire after ten minutes.");
	}

}
