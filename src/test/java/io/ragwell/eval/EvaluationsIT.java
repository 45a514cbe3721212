package io.ragwell.eval;

import java.util.List;
import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /evaluations} on the real application: admin only, in the caller's namespace, validated. */
@RagwellIntegrationTest(properties = {
		"ragwell.security.api-keys[0].key=lab-admin-key-0123456789", "ragwell.security.api-keys[0].name=lab-admin",
		"ragwell.security.api-keys[0].scopes=read,write,admin", "ragwell.security.api-keys[0].namespace=lab",
		"ragwell.security.api-keys[1].key=lab-writer-key-012345678", "ragwell.security.api-keys[1].name=lab-writer",
		"ragwell.security.api-keys[1].scopes=read,write", "ragwell.security.api-keys[1].namespace=lab",
		"ragwell.security.api-keys[2].key=other-admin-key-01234567", "ragwell.security.api-keys[2].name=other-admin",
		"ragwell.security.api-keys[2].scopes=read,write,admin", "ragwell.security.api-keys[2].namespace=other" })
class EvaluationsIT {

	private static final String ADMIN = "lab-admin-key-0123456789";

	private static final String WRITER = "lab-writer-key-012345678";

	private static final String OTHER_ADMIN = "other-admin-key-01234567";

	private static final List<Map<String, Object>> DOCUMENTS = List.of(
			Map.of("id", "penguins", "content", "Emperor penguins breed during the Antarctic winter. Males huddle"
					+ " together and keep the eggs warm on their feet for two months."),
			Map.of("id", "volcanoes", "content", "Basaltic volcanoes erupt runny lava that flows for kilometres;"
					+ " explosive eruptions come from viscous, gas-rich magma."),
			Map.of("id", "bread", "content", "Sourdough bread rises because wild yeast and lactic acid bacteria in the"
					+ " starter ferment the flour and release carbon dioxide."),
			Map.of("id", "tides", "content", "Ocean tides are caused mainly by the gravitational pull of the Moon,"
					+ " with a smaller contribution from the Sun."));

	@LocalServerPort
	int port;

	@BeforeEach
	void ingest() {
		RagwellHttp.Response response = send(WRITER, "/documents", Map.of("documents", DOCUMENTS));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void anAdminGetsTheMetricsOfItsOwnNamespace() {
		Map<String, Object> body = Map.of("mode", "hybrid", "queries", List.of(
				Map.of("id", "q1", "query", "How do penguins keep their eggs warm in winter?", "relevant",
						Map.of("penguins", 2)),
				Map.of("id", "q2", "query", "What makes sourdough rise?", "relevant", Map.of("bread", 1, "tides", 0))));
		RagwellHttp.Response response = send(ADMIN, "/evaluations", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("dataset").asString()).isEqualTo("live");
		assertThat(report.get("mode").asString()).isEqualTo("hybrid");
		assertThat(report.get("model").asString()).isEqualTo("bge-small-en-v1.5-q");
		assertThat(report.get("queries").asInt()).isEqualTo(2);
		// Four unrelated documents: each question's own document ranks first.
		assertThat(report.get("ndcg_at_10").asDouble()).isEqualTo(1.0);
		assertThat(report.get("mrr_at_10").asDouble()).isEqualTo(1.0);
		assertThat(report.get("recall_at_10").asDouble()).isEqualTo(1.0);
		assertThat(report.get("recall_at_100").asDouble()).isEqualTo(1.0);
		assertThat(report.get("latency_ms").has("p50")).isTrue();
		assertThat(report.get("latency_ms").has("p99")).isTrue();
		assertThat(report.has("ingest")).isFalse();
		assertThat(report.get("per_query").get(0).get("id").asString()).isEqualTo("q1");
		assertThat(report.get("per_query").get(0).get("top").get(0).asString()).isEqualTo("penguins");
		assertThat(report.get("per_query").get(1).get("top").size()).isEqualTo(DOCUMENTS.size());
	}

	@Test
	void anotherNamespaceHasNoneOfTheDocumentsSoScoresZero() {
		Map<String, Object> body = Map.of("mode", "sparse", "queries",
				List.of(Map.of("id", "q1", "query", "penguins eggs", "relevant", Map.of("penguins", 1))));
		RagwellHttp.Response response = send(OTHER_ADMIN, "/evaluations", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("ndcg_at_10").asDouble()).isZero();
		assertThat(response.json().get("recall_at_100").asDouble()).isZero();
		assertThat(response.json().get("per_query").get(0).get("top").size()).isZero();
	}

	@Test
	void aKeyWithoutTheAdminScopeIsForbidden() {
		RagwellHttp.Response response = send(WRITER, "/evaluations",
				Map.of("queries", List.of(Map.of("id", "q", "query", "penguins", "relevant", Map.of("penguins", 1)))));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void invalidRequestsAreProblemDetailsNamingTheField() {
		assertProblem(Map.of("queries", List.of()), "queries");
		assertProblem(Map.of("queries", List.of(Map.of("id", "q", "query", " ", "relevant", Map.of("a", 1)))),
				"queries[0].query");
		assertProblem(Map.of("queries", List.of(Map.of("id", "q", "query", "penguins"))), "queries[0].relevant");
		assertProblem(Map.of("queries", List.of(Map.of("id", "q", "query", "penguins", "relevant", Map.of("a", 0)))),
				"queries[0].relevant");
		assertProblem(Map.of("queries", List.of(Map.of("id", "q", "query", "penguins", "relevant", Map.of("a", -1)))),
				"queries[0].relevant.a");
		assertProblem(Map.of("queries",
				List.of(Map.of("id", "q", "query", "a", "relevant", Map.of("a", 1)),
						Map.of("id", "q", "query", "b", "relevant", Map.of("b", 1)))),
				"queries[1].id");
		Map<String, Object> valid = Map.of("id", "q", "query", "penguins", "relevant", Map.of("penguins", 1));
		assertProblem(Map.of("queries", List.of(valid), "mode", "semantic"), "mode");
		assertProblem(Map.of("queries", List.of(valid), "top_k", 0), "top_k");
		assertProblem(Map.of("queries", List.of(valid), "top_k", 1001), "top_k");
	}

	private void assertProblem(Map<String, Object> body, String field) {
		RagwellHttp.Response response = send(ADMIN, "/evaluations", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:ragwell:problem:invalid-request");
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private RagwellHttp.Response send(String key, String path, Object body) {
		return new RagwellHttp(this.port).send("POST", path, RagwellHttp.JSON.writeValueAsString(body),
				Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
	}

}
