package io.ragwell.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.RagwellApplication;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Fusion overrides, the MMR reranker and feedback through the real application over HTTP. */
class RetrievalFeedbackIT {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start(String... extra) {
		return new SpringApplicationBuilder(RagwellApplication.class).properties("server.port=0",
				"ragwell.store.lucene.path=" + this.dataDir.resolve("index"),
				"ragwell.feedback.path=" + this.dataDir.resolve("feedback/feedback.jsonl"),
				"ragwell.query-log.path=" + this.dataDir.resolve("query-log"))
			.properties(extra)
			.run();
	}

	private static RagwellHttp http(ConfigurableApplicationContext context) {
		return new RagwellHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void mmrRerankedHybridQueryCarriesProvenanceAndTakesFeedback() {
		try (ConfigurableApplicationContext app = start("ragwell.rerank.type=mmr", "ragwell.rerank.lambda=0.5")) {
			RagwellHttp http = http(app);
			String penguins = "Emperor penguins breed during the Antarctic winter and huddle together to keep warm.";
			assertThat(http.post("/documents", Map.of("documents", List.of(Map.of("id", "penguins", "content", penguins),
					// The same passage again: MMR should not cite it twice when something different is available.
					Map.of("id", "penguins-copy", "content", penguins),
					Map.of("id", "seals", "content", "Weddell seals keep breathing holes open in the Antarctic sea ice."),
					Map.of("id", "rockets", "content", "Kerosene rockets reach orbit in several stages."))))
				.status()).isEqualTo(200);

			RagwellHttp.Response response = http.post("/query", Map.of("query", "how do penguins survive the Antarctic winter",
					"top_k", 2, "mode", "hybrid", "fusion", "weighted", "alpha", 0.7));

			assertThat(response.status()).isEqualTo(200);
			JsonNode body = response.json();
			JsonNode sources = body.get("sources");
			assertThat(sources).hasSize(2);
			assertThat(sources).allSatisfy(source -> assertThat(source.has("rerank_score")).isTrue());
			assertThat(List.of(sources.get(0).get("chunk").get("document_id").asString(),
					sources.get(1).get("chunk").get("document_id").asString()))
				.containsAnyOf("penguins", "penguins-copy")
				.doesNotContain("rockets")
				.as("the duplicate passage is not cited twice")
				.doesNotContainSequence("penguins", "penguins-copy")
				.doesNotContainSequence("penguins-copy", "penguins");
			assertThat(body.get("search_mode").asString()).isEqualTo("hybrid");
			String queryId = body.get("query_id").asString();
			assertThat(queryId).hasSize(36);

			// The cached answer to the same request is a new response to rate: a new id.
			JsonNode again = http.post("/query", Map.of("query", "how do penguins survive the Antarctic winter", "top_k", 2,
					"mode", "hybrid", "fusion", "weighted", "alpha", 0.7)).json();
			assertThat(again.get("cached").asBoolean()).isTrue();
			assertThat(again.get("query_id").asString()).isNotEqualTo(queryId);

			RagwellHttp.Response badFusion = http.post("/query", Map.of("query", "penguins", "fusion", "max"));
			assertThat(badFusion.status()).isEqualTo(400);
			assertThat(badFusion.json().get("errors").get(0).get("field").asString()).isEqualTo("fusion");
			assertThat(http.post("/search", Map.of("query", "penguins", "alpha", 2)).status()).isEqualTo(400);

			Instant before = Instant.now().minusSeconds(1);
			RagwellHttp.Response accepted = http.post("/feedback", Map.of("query_id", queryId, "rating", "up",
					"source_ids", List.of(sources.get(0).get("chunk").get("id").asString()), "comment", "spot on"));
			assertThat(accepted.status()).isEqualTo(202);
			assertThat(accepted.json().get("rating").asString()).isEqualTo("up");

			RagwellHttp.Response badRating = http.post("/feedback", Map.of("query_id", queryId, "rating", "meh"));
			assertThat(badRating.status()).isEqualTo(400);
			assertThat(badRating.contentType()).startsWith("application/problem+json");
			assertThat(badRating.json().get("detail").asString()).contains("'up' or 'down'");
			assertThat(badRating.json().get("errors").get(0).get("field").asString()).isEqualTo("rating");
			assertThat(http.post("/feedback", Map.of("query_id", "not-an-id", "rating", "up")).status()).isEqualTo(400);
			assertThat(http.post("/feedback", Map.of("query_id", queryId, "rating", "down", "comment", "x".repeat(2001)))
				.status()).isEqualTo(400);
			assertThat(http.get("/feedback?since=yesterday").status()).isEqualTo(400);

			JsonNode exported = http.get("/feedback?since=" + before).json();
			assertThat(exported).hasSize(1);
			assertThat(exported.get(0).get("query_id").asString()).isEqualTo(queryId);
			assertThat(exported.get(0).get("comment").asString()).isEqualTo("spot on");
			assertThat(http.get("/feedback?since=" + Instant.now().plusSeconds(60)).json()).isEmpty();
			assertThat(app.getBean(MeterRegistry.class).counter("rag.feedback", "rating", "up").count()).isEqualTo(1.0);
		}
	}

	@Test
	void feedbackSurvivesARestart() throws Exception {
		String queryId;
		try (ConfigurableApplicationContext first = start()) {
			RagwellHttp http = http(first);
			http.post("/documents", Map.of("id", "penguins", "content", "Emperor penguins huddle in the winter."));
			queryId = http.post("/query", Map.of("query", "penguins in winter")).json().get("query_id").asString();
			assertThat(http.post("/feedback", Map.of("query_id", queryId, "rating", "down", "comment", "too short"))
				.status()).isEqualTo(202);
		}
		assertThat(Files.readString(this.dataDir.resolve("feedback/feedback.jsonl"))).contains(queryId);
		try (ConfigurableApplicationContext second = start()) {
			RagwellHttp http = http(second);
			assertThat(http.post("/feedback", Map.of("query_id", queryId, "rating", "up")).status()).isEqualTo(202);
			JsonNode exported = http.get("/feedback").json();
			assertThat(exported).hasSize(2);
			assertThat(exported.get(0).get("rating").asString()).isEqualTo("down");
			assertThat(exported.get(0).get("comment").asString()).isEqualTo("too short");
			assertThat(exported.get(1).get("rating").asString()).isEqualTo("up");
			assertThat(exported.get(1).get("query_id").asString()).isEqualTo(queryId);
		}
	}

}
