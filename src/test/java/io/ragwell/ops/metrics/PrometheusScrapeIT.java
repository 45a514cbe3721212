package io.ragwell.ops.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus (Debian's package) scrapes the running service; the {@code rag_*} series are asserted
 * through Prometheus' own HTTP API, so names, types and labels are checked as a user's dashboards see them.
 * Skipped when no {@code prometheus} binary is installed, except under {@code CI=true}, where .ci/run installs
 * it and its absence is a failure.
 */
// Its own context: the series it asserts count exactly what this class did (rag_index_chunks, queries, cache).
@RagwellIntegrationTest(ownContext = true)
class PrometheusScrapeIT {

	@LocalServerPort
	int port;

	@TempDir
	Path work;

	private Process prometheus;

	@AfterEach
	void stopPrometheus() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.destroy();
			if (!this.prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.prometheus.destroyForcibly();
			}
		}
	}

	private static Path prometheusBinary() {
		for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		String message = "no prometheus binary (apt-get install prometheus)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + "; .ci/run installs it, so under CI=true this is a failure");
		}
		Assumptions.abort(message);
		return null;
	}

	@Test
	void prometheusScrapesTheRagSeries() throws Exception {
		Path binary = prometheusBinary();
		RagwellHttp app = new RagwellHttp(this.port);
		app.post("/documents", Map.of("id", "m1", "content", "Metrics are scraped by Prometheus every second."));
		app.post("/documents", Map.of("id", "bad", "content", " "));
		for (int i = 0; i < 3; i++) {
			app.post("/query", Map.of("query", "how often are metrics scraped?"));
			app.post("/search", Map.of("query", "prometheus", "mode", "sparse"));
		}

		int prometheusPort = freePort();
		Path config = this.work.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: ragwell
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(this.port));
		this.prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + this.work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("prometheus.log").toFile())
			.start();
		RagwellHttp api = new RagwellHttp(prometheusPort);

		JsonNode up = awaitResult(api, "up{job=\"ragwell\"}", Duration.ofSeconds(60));
		assertThat(up.get(0).get("value").get(1).asString()).isEqualTo("1");
		// Wait for a scrape that saw the traffic above.
		awaitResult(api, "rag_query_seconds_count", Duration.ofSeconds(30));

		assertThat(value(api, "sum(rag_query_seconds_count)")).isEqualTo(3);
		assertThat(value(api, "sum(rag_query_seconds_count{cached=\"true\"})")).isEqualTo(2);
		// A hybrid query is one fused store search (both lists in one call); /search asked for sparse ones.
		assertThat(value(api, "sum(rag_search_seconds_count{mode=\"hybrid\"})")).isGreaterThanOrEqualTo(1);
		assertThat(value(api, "sum(rag_search_seconds_count{mode=\"sparse\"})")).isGreaterThanOrEqualTo(1);
		assertThat(value(api, "count(rag_query_seconds_bucket)")).isGreaterThan(5);
		assertThat(value(api, "sum(rag_embedding_seconds_count{kind=\"passages\"})")).isGreaterThanOrEqualTo(1);
		assertThat(value(api, "sum(rag_llm_seconds_count{provider=\"extractive\"})")).isEqualTo(1);
		assertThat(value(api, "sum(rag_tokens_total{type=\"prompt\"})")).isPositive();
		assertThat(value(api, "sum(rag_tokens_total{type=\"completion\"})")).isPositive();
		assertThat(value(api, "sum(rag_ingest_documents_total{status=\"created\"})")).isEqualTo(1);
		assertThat(value(api, "sum(rag_ingest_chunks_total)")).isEqualTo(1);
		assertThat(value(api, "sum(rag_index_chunks)")).isEqualTo(1);
		assertThat(value(api, "sum(rag_cache_total{cache=\"response\",result=\"hit\"})")).isEqualTo(4);
		assertThat(value(api, "sum(rag_cache_total{cache=\"response\",result=\"miss\"})")).isEqualTo(2);
		assertThat(value(api, "sum(rag_errors_total{stage=\"request\",cause=\"invalid-request\"})")).isEqualTo(1);
		assertThat(value(api, "count(resilience4j_circuitbreaker_state)")).isPositive();
		assertThat(value(api, "count(resilience4j_retry_calls_total)")).isPositive();
	}

	private static double value(RagwellHttp api, String query) throws InterruptedException {
		JsonNode result = awaitResult(api, query, Duration.ofSeconds(10));
		return Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	private static JsonNode awaitResult(RagwellHttp api, String query, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		String last = "";
		while (Instant.now().isBefore(deadline)) {
			try {
				RagwellHttp.Response response = api
					.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
				last = response.body();
				if (response.status() == 200) {
					JsonNode result = response.json().get("data").get("result");
					if (!result.isEmpty()) {
						return result;
					}
				}
			}
			catch (IllegalStateException notYetListening) {
				last = notYetListening.getMessage();
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Prometheus returned no result for " + query + " within " + timeout + ": " + last);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
