package io.ragwell.ops.resilience;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.llm.FallbackLlmClient;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with an OpenAI-compatible provider that only returns 500s: the resilience layer
 * retries as configured in application.yml, then the query still answers, extractively, and says so.
 */
@RagwellIntegrationTest(properties = { "ragwell.llm.provider=openai", "ragwell.llm.api-key=sk-test" })
class LlmOutageDegradesQueryIT {

	private static final MockWebServer provider = new MockWebServer();

	/** Chat calls only: health probes may call {@code /models} on the same server. */
	private static final AtomicInteger chatCalls = new AtomicInteger();

	@DynamicPropertySource
	static void providerAndIndex(DynamicPropertyRegistry registry) throws IOException {
		provider.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getUrl().encodedPath().endsWith("/chat/completions")) {
					chatCalls.incrementAndGet();
				}
				return new MockResponse.Builder().code(500)
					.setHeader("Content-Type", "application/json")
					.body("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")
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

	@Autowired
	MeterRegistry registry;

	@Test
	void queryAnswersExtractivelyWithCitationsWhenTheLlmKeepsFailing() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response ingested = http.post("/documents", Map.of("id", "cache-1", "content",
				"Cache entries expire after ten minutes. The cache is cleared when a document changes. "
						+ "Entries are keyed by namespace, query and filters."));
		assertThat(ingested.status()).as(ingested.body()).isBetween(200, 201);

		RagwellHttp.Response response = http.post("/query", Map.of("query", "How long do cache entries live?"));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.path("degraded").asBoolean()).isTrue();
		assertThat(body.path("mode").asString()).isEqualTo("extractive");
		assertThat(body.path("warnings").isArray()).isTrue();
		assertThat(body.path("warnings")).isNotEmpty();
		assertThat(body.path("warnings").values()).extracting(JsonNode::asString)
			.contains(FallbackLlmClient.DEGRADED_WARNING);
		assertThat(body.path("sources")).isNotEmpty();
		assertThat(body.path("answer").asString()).contains("[1]");
		// The failing provider was retried as application.yml says before the service gave up on it.
		assertThat(chatCalls.get()).isEqualTo(3);
		// Both answerers are metered alike: one failed (whole, retries included) call, one extractive answer.
		assertThat(this.registry.get("rag.llm").tag("provider", "openai").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("rag.llm").tag("provider", "extractive").timer().count()).isEqualTo(1);
		assertThat(this.registry.get("rag.errors").tag("stage", "llm").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("rag.tokens").tag("provider", "extractive").tag("type", "prompt").counter().count())
			.isPositive();
	}

}
