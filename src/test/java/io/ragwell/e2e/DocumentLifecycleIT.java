package io.ragwell.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.support.CountingEmbedder;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Re-ingest, partial re-embedding, get and delete against the real model and index, over HTTP. */
@RagwellIntegrationTest(properties = { "ragwell.chunking.max-tokens=64", "ragwell.chunking.overlap-tokens=8" })
@Import(CountingEmbedder.Config.class)
class DocumentLifecycleIT {

	@LocalServerPort
	int port;

	private static String paragraphs(int count, String topic) {
		List<String> paragraphs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			paragraphs.add("Paragraph " + i + " about " + topic + ". It describes how the " + topic
					+ " behaves under condition number " + i + " and what was measured in that experiment. "
					+ "The measurement was repeated several times to make sure that the result holds.");
		}
		return String.join("\n\n", paragraphs);
	}

	private CountingEmbedder counting() {
		return CountingEmbedder.current();
	}

	@Test
	void reingestingUnchangedDocumentEmbedsNothingAndChangedOnlyReembedsChangedChunks() {
		RagwellHttp http = new RagwellHttp(this.port);
		String content = paragraphs(6, "glacier");
		Map<String, Object> doc = Map.of("id", "glacier-1", "content", content, "metadata", Map.of("topic", "ice"));

		counting().reset();
		JsonNode created = http.post("/documents", doc).json().get("documents").get(0);
		assertThat(created.get("status").asString()).isEqualTo("created");
		int chunks = created.get("chunks").asInt();
		assertThat(chunks).isGreaterThan(3);
		assertThat(counting().passages()).isEqualTo(chunks);

		counting().reset();
		JsonNode unchanged = http.post("/documents", doc).json().get("documents").get(0);
		assertThat(unchanged.get("status").asString()).isEqualTo("unchanged");
		assertThat(unchanged.get("chunks").asInt()).isEqualTo(chunks);
		assertThat(counting().passages()).isZero();

		counting().reset();
		String edited = content + "\n\nA new closing paragraph about glacier retreat measured by satellites.";
		JsonNode updated = http.post("/documents", Map.of("id", "glacier-1", "content", edited, "metadata",
				Map.of("topic", "ice"))).json().get("documents").get(0);
		assertThat(updated.get("status").asString()).isEqualTo("updated");
		assertThat(counting().passages()).isPositive().isLessThan(updated.get("chunks").asInt());
		assertThat(updated.get("embedded").asInt()).isEqualTo(counting().passages());

		counting().reset();
		JsonNode metadataOnly = http.post("/documents", Map.of("id", "glacier-1", "content", edited, "metadata",
				Map.of("topic", "climate"))).json().get("documents").get(0);
		assertThat(metadataOnly.get("status").asString()).isEqualTo("updated");
		assertThat(counting().passages()).isZero();

		JsonNode stored = http.get("/documents/glacier-1").json();
		assertThat(stored.get("content").asString()).isEqualTo(edited);
		assertThat(stored.get("metadata").get("topic").asString()).isEqualTo("climate");
		assertThat(stored.get("created_at").asString()).isNotBlank();
		assertThat(stored.get("chunks").asInt()).isEqualTo(updated.get("chunks").asInt());
	}

	@Test
	void deletedDocumentIsGoneFromSearchAndGet() {
		RagwellHttp http = new RagwellHttp(this.port);
		http.post("/documents", Map.of("id", "volcano-1", "content", paragraphs(2, "volcano")));
		http.post("/documents", Map.of("id", "desert-1", "content", paragraphs(2, "desert")));
		assertThat(documentIds(http.post("/search", Map.of("query", "volcano eruption", "top_k", 10))))
			.contains("volcano-1");

		assertThat(http.delete("/documents/volcano-1").status()).isEqualTo(204);

		assertThat(documentIds(http.post("/search", Map.of("query", "volcano eruption", "top_k", 10))))
			.doesNotContain("volcano-1")
			.contains("desert-1");
		RagwellHttp.Response missing = http.get("/documents/volcano-1");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.json().get("title").asString()).isEqualTo("Not found");
		assertThat(http.delete("/documents/volcano-1").status()).isEqualTo(404);
	}

	@Test
	void generatedIdIsReturnedAndDocumentIsRetrievable() {
		RagwellHttp http = new RagwellHttp(this.port);
		JsonNode result = http.post("/documents", Map.of("content", "A short note about tides and the moon."))
			.json()
			.get("documents")
			.get(0);
		String id = result.get("id").asString();
		assertThat(id).isNotBlank();
		assertThat(http.get("/documents/" + id).json().get("content").asString())
			.isEqualTo("A short note about tides and the moon.");
	}

	@Test
	void invalidBatchIsRejectedWholeAndWritesNothing() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response response = http.post("/documents", Map.of("documents",
				List.of(Map.of("id", "ok-1", "content", "valid text"), Map.of("id", "bad-1", "content", "  "))));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:ragwell:problem:invalid-request");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("documents[1].content");
		assertThat(http.get("/documents/ok-1").status()).isEqualTo(404);
	}

	@Test
	void brokenJsonIsAProblemDetailWithoutInternalNames() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response response = http.post("/documents", "{\"content\": ");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("io.ragwell").doesNotContain("Exception");
		RagwellHttp.Response wrongType = http.post("/query", "{\"query\": \"x\", \"top_k\": \"many\"}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.body()).doesNotContain("io.ragwell");
	}

	private static List<String> documentIds(RagwellHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("results").forEach(r -> ids.add(r.get("chunk").get("document_id").asString()));
		return ids;
	}

}
