package io.ragwell.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys, scopes and tenant namespaces on the real application, cache included. */
@RagwellIntegrationTest(properties = {
		"ragwell.security.api-keys[0].key=tenant-a-key-0123456789", "ragwell.security.api-keys[0].name=a",
		"ragwell.security.api-keys[0].scopes=read,write", "ragwell.security.api-keys[0].namespace=tenant-a",
		"ragwell.security.api-keys[1].key=tenant-b-key-0123456789", "ragwell.security.api-keys[1].name=b",
		"ragwell.security.api-keys[1].scopes=read,write", "ragwell.security.api-keys[1].namespace=tenant-b",
		"ragwell.security.api-keys[2].key=reader-a-key-0123456789", "ragwell.security.api-keys[2].name=reader",
		"ragwell.security.api-keys[2].scopes=read", "ragwell.security.api-keys[2].namespace=tenant-a",
		"ragwell.security.api-keys[3].key=admin-key-000000000000", "ragwell.security.api-keys[3].name=admin",
		"ragwell.security.api-keys[3].scopes=read,write,admin" })
class TenantSecurityIT {

	private static final String KEY_A = "tenant-a-key-0123456789";

	private static final String KEY_B = "tenant-b-key-0123456789";

	@LocalServerPort
	int port;

	private RagwellHttp.Response send(String method, String path, String key, Object body) {
		RagwellHttp http = new RagwellHttp(this.port);
		String json = (body == null) ? null : RagwellHttp.JSON.writeValueAsString(body);
		return http.send(method, path, json, Map.of("Authorization", "Bearer " + key, "Content-Type",
				"application/json"));
	}

	private static List<String> documentIds(RagwellHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		JsonNode list = response.json().has("results") ? response.json().get("results") : response.json().get("sources");
		list.forEach(r -> ids.add(r.get("chunk").get("document_id").asString()));
		return ids;
	}

	@Test
	void requestsWithoutAValidKeyAreUnauthorizedButHealthIsOpen() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response anonymous = http.post("/search", Map.of("query", "anything"));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:ragwell:problem:unauthenticated");
		RagwellHttp.Response wrongKey = http.send("POST", "/search", "{\"query\":\"x\"}",
				Map.of("X-API-Key", "not-a-real-key-at-all", "Content-Type", "application/json"));
		assertThat(wrongKey.status()).isEqualTo(401);
		assertThat(wrongKey.body()).doesNotContain("not-a-real-key-at-all");
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(send("GET", "/actuator/prometheus", KEY_A, null).status()).isEqualTo(403);
		assertThat(send("GET", "/actuator/prometheus", "admin-key-000000000000", null).status()).isEqualTo(200);
	}

	@Test
	void readScopeCannotWrite() {
		RagwellHttp.Response response = send("POST", "/documents", "reader-a-key-0123456789",
				Map.of("id", "r1", "content", "text"));
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("type").asString()).isEqualTo("urn:ragwell:problem:forbidden");
		assertThat(send("POST", "/search", "reader-a-key-0123456789", Map.of("query", "text")).status())
			.isEqualTo(200);
	}

	@Test
	void tenantsNeitherSeeNorTouchEachOthersDocumentsEvenThroughTheCache() {
		assertThat(send("POST", "/documents", KEY_B, Map.of("id", "b-secret", "content",
				"The quarterly revenue of the brewery rose because of the new pale ale.")).status()).isEqualTo(200);
		// B's query is answered and cached.
		Map<String, Object> query = Map.of("query", "why did the brewery revenue rise?");
		assertThat(documentIds(send("POST", "/query", KEY_B, query))).contains("b-secret");
		assertThat(send("POST", "/query", KEY_B, query).json().get("cached").asBoolean()).isTrue();

		// A asks the same question: nothing of B's, and not B's cached answer.
		RagwellHttp.Response asA = send("POST", "/query", KEY_A, query);
		assertThat(documentIds(asA)).doesNotContain("b-secret");
		assertThat(asA.json().get("cached").asBoolean()).isFalse();
		assertThat(documentIds(send("POST", "/search", KEY_A, Map.of("query", "brewery pale ale"))))
			.doesNotContain("b-secret");
		assertThat(send("GET", "/documents/b-secret", KEY_A, null).status()).isEqualTo(404);
		assertThat(send("DELETE", "/documents/b-secret", KEY_A, null).status()).isEqualTo(404);
		// A writing the same id creates A's own document; B's is untouched.
		assertThat(send("POST", "/documents", KEY_A, Map.of("id", "b-secret", "content", "A's own text."))
			.json().get("documents").get(0).get("status").asString()).isEqualTo("created");
		assertThat(send("GET", "/documents/b-secret", KEY_B, null).json().get("content").asString())
			.startsWith("The quarterly revenue");
	}

	@Test
	void anIngestInvalidatesOnlyItsOwnNamespacesCachedAnswers() {
		Map<String, Object> query = Map.of("query", "which bird can fly backwards?", "top_k", 3);
		send("POST", "/documents", KEY_A, Map.of("id", "a-sparrow", "content", "Sparrows are small birds."));
		send("POST", "/query", KEY_A, query);
		send("POST", "/query", KEY_B, query);
		assertThat(send("POST", "/query", KEY_A, query).json().get("cached").asBoolean()).isTrue();

		send("POST", "/documents", KEY_A, Map.of("id", "a-hummingbird", "content",
				"Hummingbirds are the only birds that can fly backwards."));

		RagwellHttp.Response fresh = send("POST", "/query", KEY_A, query);
		assertThat(fresh.json().get("cached").asBoolean()).isFalse();
		assertThat(documentIds(fresh).getFirst()).isEqualTo("a-hummingbird");
		assertThat(send("POST", "/query", KEY_B, query).json().get("cached").asBoolean()).isTrue();
	}

}
