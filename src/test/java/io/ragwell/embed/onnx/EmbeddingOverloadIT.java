package io.ragwell.embed.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full ingest queue over HTTP: one model thread and room for one queued text, so a large ingest fills the
 * queue; a second ingest is refused with 503 {@code embedding-overloaded} and {@code Retry-After}, while a
 * search (the interactive class, bounded on its own) is still served.
 */
@RagwellIntegrationTest(properties = { "ragwell.embedding.model=all-minilm-l6-v2-q", "ragwell.embedding.threads=1",
				"ragwell.embedding.max-queued-texts=1", "ragwell.chunking.max-tokens=64",
				"ragwell.chunking.overlap-tokens=8" })
class EmbeddingOverloadIT {

	@LocalServerPort
	int port;

	private static String paragraphs(int count, String topic) {
		List<String> paragraphs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			paragraphs.add("Paragraph " + i + " about " + topic + ". It describes how the " + topic
					+ " behaves under condition number " + i + " and what was measured in that experiment.");
		}
		return String.join("\n\n", paragraphs);
	}

	@Test
	void anIngestIntoAFullQueueIsToldWhenToRetryAndSearchIsStillServed() throws Exception {
		RagwellHttp http = new RagwellHttp(this.port);
		// Hundreds of chunks: seconds of work for one model thread, admitted because the queue was empty.
		CompletableFuture<RagwellHttp.Response> large = CompletableFuture.supplyAsync(
				() -> new RagwellHttp(this.port).post("/documents",
						Map.of("id", "large", "content", paragraphs(400, "glacier"))),
				java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		RagwellHttp.Response refused = null;
		for (int attempt = 0; refused == null && !large.isDone(); attempt++) {
			RagwellHttp.Response response = http.post("/documents",
					Map.of("id", "small-" + attempt, "content", "A short note about moraines."));
			if (response.status() == 503) {
				refused = response;
			}
			else {
				Thread.sleep(20);
			}
		}
		assertThat(refused).as("the second ingest was refused while the large one was queued").isNotNull();
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:ragwell:problem:embedding-overloaded");
		assertThat(problem.get("title").asString()).isEqualTo("Embedding overloaded");
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("detail").asString()).contains("bulk texts queued (at most 1)")
			.contains("retry after " + refused.header("Retry-After") + " seconds");
		// Queries have their own lane and go first: served while the large ingest still runs.
		RagwellHttp.Response search = http.send("POST", "/search", "{\"query\":\"glacier under condition\"}",
				Map.of("Content-Type", "application/json"));
		assertThat(search.status()).isEqualTo(200);
		assertThat(large).as("the search was served before the large ingest finished").isNotDone();
		assertThat(large.get(5, TimeUnit.MINUTES).status()).isBetween(200, 299);
	}

}
