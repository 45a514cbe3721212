package io.ragwell.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Document;
import io.ragwell.core.VectorStore;
import io.ragwell.support.OpenSearchServer;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with {@code ragwell.store.type=opensearch} against the real OpenSearch server
 * ({@code .ci/opensearch}): documents ingested over HTTP are searched, cited by /query, and deleted.
 */
@RagwellIntegrationTest
class OpenSearchEndToEndIT {

	private static final String INDEX = OpenSearchServer.uniqueIndex("ragwell-e2e");

	@BeforeAll
	static void requireServer() {
		// Runs before the Spring context loads: skips (fails under CI=true) without a server.
		OpenSearchServer.url();
	}

	@AfterAll
	static void deleteIndex() {
		if (System.getenv(OpenSearchServer.URL_VARIABLE) != null) {
			OpenSearchServer.deleteIndex(INDEX);
		}
	}

	@DynamicPropertySource
	static void openSearch(DynamicPropertyRegistry registry) {
		registry.add("ragwell.store.type", () -> "opensearch");
		registry.add("ragwell.store.opensearch.url", () -> System.getenv(OpenSearchServer.URL_VARIABLE));
		registry.add("ragwell.store.opensearch.index", () -> INDEX);
	}

	@LocalServerPort
	int port;

	@Autowired
	VectorStore store;

	@Test
	void ingestedDocumentsAreSearchedCitedAndDeletedThroughOpenSearch() {
		RagwellHttp http = new RagwellHttp(this.port);
		List<Map<String, Object>> documents = new ArrayList<>();
		documents.add(Map.of("id", "glacier-1", "source", "glaciers.md", "metadata", Map.of("topic", "ice", "year", 2021),
				"content", "Glaciers form where snow accumulates faster than it melts. Over decades the snow compacts"
						+ " into firn and then into glacial ice, which flows downhill under its own weight."));
		documents.add(Map.of("id", "volcano-1", "source", "volcanoes.md", "metadata", Map.of("topic", "rock", "year", 2019),
				"content", "Volcanoes erupt when magma rises through the crust. Basaltic eruptions are effusive,"
						+ " while silica-rich magma traps gas and erupts explosively."));
		documents.add(Map.of("id", "desert-1", "source", "deserts.md", "metadata", Map.of("topic", "sand", "year", 2023),
				"content", "Deserts receive less than 250 millimetres of rain a year. Dunes migrate as wind moves"
						+ " sand grains by saltation."));
		RagwellHttp.Response ingested = http.post("/documents", Map.of("documents", documents));
		assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
		assertThat(this.store.chunkCount()).isGreaterThanOrEqualTo(3);
		// The chunks went to the default namespace's own OpenSearch index, not to an embedded one.
		OpenSearchServer.Response count = OpenSearchServer.send("GET",
				"/" + INDEX + "-ns-" + Document.DEFAULT_NAMESPACE + "/_count?q=kind:chunk", null);
		assertThat(count.status()).as(count.body()).isEqualTo(200);
		assertThat(count.body()).contains("\"count\":" + this.store.chunkCount());

		RagwellHttp.Response answer = http.post("/query", Map.of("query", "How does glacial ice form from snow?"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.path("answer").asString()).contains("[1]");
		assertThat(body.path("sources").get(0).path("chunk").path("document_id").asString()).isEqualTo("glacier-1");

		RagwellHttp.Response filtered = http.post("/search",
				Map.of("query", "eruption of magma", "mode", "hybrid", "top_k", 5, "filters", Map.of("year", Map.of("$lt", 2022))));
		assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		filtered.json().path("results").forEach(result -> ids.add(result.path("chunk").path("document_id").asString()));
		assertThat(ids).first().isEqualTo("volcano-1");
		assertThat(ids).doesNotContain("desert-1");

		assertThat(http.get("/documents/glacier-1").json().path("source").asString()).isEqualTo("glaciers.md");
		assertThat(http.delete("/documents/glacier-1").status()).isEqualTo(204);
		assertThat(http.get("/documents/glacier-1").status()).isEqualTo(404);

		RagwellHttp.Response readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
	}

}
