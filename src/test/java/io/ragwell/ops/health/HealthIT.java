package io.ragwell.ops.health;


import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes and the OpenAPI document on the running application. */
@RagwellIntegrationTest
class HealthIT {

	@LocalServerPort
	int port;

	@Test
	void readinessRequiresTheStoreAndTheEmbedderButNotTheLlm() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		JsonNode components = readiness.json().get("components");
		assertThat(components.get("vectorStore").get("status").asString()).isEqualTo("UP");
		assertThat(components.get("vectorStore").get("details").get("dimensions").asInt()).isEqualTo(384);
		assertThat(components.get("embedder").get("status").asString()).isEqualTo("UP");
		assertThat(components.has("llm")).isFalse();
		assertThat(http.get("/readyz").status()).isEqualTo(200);

		RagwellHttp.Response liveness = http.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().get("status").asString()).isEqualTo("UP");

		JsonNode all = http.get("/actuator/health").json().get("components");
		assertThat(all.get("llm").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void openApiDocumentDescribesTheApi() {
		RagwellHttp.Response docs = new RagwellHttp(this.port).get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		assertThat(paths.has("/query")).isTrue();
		assertThat(paths.has("/search")).isTrue();
		assertThat(paths.has("/documents")).isTrue();
		assertThat(paths.has("/documents/{id}")).isTrue();
	}

}
