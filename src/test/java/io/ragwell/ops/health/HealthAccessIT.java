package io.ragwell.ops.health;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With keys configured, health answers anyone but shows its components and details to admin keys only, and a
 * flood of health checks reaches the LLM provider's {@code /models} at most once per cache interval.
 */
@RagwellIntegrationTest(properties = { "ragwell.llm.provider=openai", "ragwell.llm.api-key=sk-operator-secret",
				"ragwell.health.cache-ttl=10m", "ragwell.security.api-keys[0].key=admin-key-000000000000",
				"ragwell.security.api-keys[0].name=admin", "ragwell.security.api-keys[0].scopes=read,write,admin",
				"ragwell.security.api-keys[1].key=reader-key-0123456789", "ragwell.security.api-keys[1].name=reader",
				"ragwell.security.api-keys[1].scopes=read" })
class HealthAccessIT {

	private static final MockWebServer provider = new MockWebServer();

	private static final AtomicInteger modelsCalls = new AtomicInteger();

	@DynamicPropertySource
	static void providerAndIndex(DynamicPropertyRegistry registry) throws IOException {
		provider.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getUrl().encodedPath().endsWith("/models")) {
					modelsCalls.incrementAndGet();
				}
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body("{\"object\":\"list\",\"data\":[]}")
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

	@Test
	void callersWithoutAdminGetTheStatusOnly() {
		RagwellHttp http = new RagwellHttp(this.port);
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
				"/readyz", "/livez")) {
			for (Map<String, String> headers : List.of(Map.<String, String>of(),
					Map.of("Authorization", "Bearer reader-key-0123456789"))) {
				RagwellHttp.Response response = http.send("GET", path, null, headers);
				assertThat(response.status()).as(path).isEqualTo(200);
				JsonNode body = response.json();
				assertThat(body.get("status").asString()).as(path).isEqualTo("UP");
				assertThat(body.has("components")).as(path + " " + headers.keySet()).isFalse();
				assertThat(body.has("details")).as(path).isFalse();
				assertThat(response.body()).doesNotContain(provider.getHostName() + ":" + provider.getPort());
			}
		}
	}

	@Test
	void anAdminKeySeesTheComponentsAndTheirDetails() {
		RagwellHttp.Response response = new RagwellHttp(this.port).send("GET", "/actuator/health", null,
				Map.of("Authorization", "Bearer admin-key-000000000000"));
		assertThat(response.status()).isEqualTo(200);
		JsonNode components = response.json().get("components");
		assertThat(components.get("llm").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("llm").get("details").get("endpoint").asString()).contains("/v1");
		assertThat(components.get("vectorStore").get("details").get("dimensions").asInt()).isEqualTo(384);
		assertThat(response.body()).doesNotContain("sk-operator-secret");
	}

	@Test
	void aFloodOfHealthChecksReachesTheProviderAtMostOncePerCacheInterval() throws Exception {
		int before = modelsCalls.get();
		RagwellHttp http = new RagwellHttp(this.port);
		try (var executor = Executors.newFixedThreadPool(8)) {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				String path = (i % 3 == 0) ? "/actuator/health" : (i % 3 == 1) ? "/readyz" : "/actuator/health/llm";
				statuses.add(executor.submit(() -> http.get(path).status()));
			}
			for (Future<Integer> status : statuses) {
				assertThat(status.get()).isIn(200, 401, 404);
			}
		}
		assertThat(http.get("/actuator/health").status()).isEqualTo(200);
		assertThat(modelsCalls.get() - before).as("provider calls during the flood").isLessThanOrEqualTo(1);
		assertThat(modelsCalls.get()).as("the probe does reach the provider").isGreaterThanOrEqualTo(1);
	}

}
