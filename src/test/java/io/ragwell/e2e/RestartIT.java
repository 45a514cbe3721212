package io.ragwell.e2e;

import java.nio.file.Path;
import java.util.Map;

import io.ragwell.RagwellApplication;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What was acknowledged is still there after the application stops and a new one starts on the directory. */
class RestartIT {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(RagwellApplication.class)
			.properties("server.port=0", "ragwell.store.lucene.path=" + this.dataDir.resolve("index"))
			.run();
	}

	private static RagwellHttp http(ConfigurableApplicationContext context) {
		return new RagwellHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void documentsSurviveARestart() {
		try (ConfigurableApplicationContext first = start()) {
			RagwellHttp http = http(first);
			assertThat(http.post("/documents", Map.of("id", "penguins", "content",
					"Emperor penguins breed during the Antarctic winter and huddle to keep warm.", "metadata",
					Map.of("kind", "bird"))).status()).isEqualTo(200);
		}
		try (ConfigurableApplicationContext second = start()) {
			RagwellHttp http = http(second);
			JsonNode results = http.post("/search", Map.of("query", "how do penguins survive the winter cold"))
				.json()
				.get("results");
			assertThat(results.size()).isPositive();
			assertThat(results.get(0).get("chunk").get("document_id").asString()).isEqualTo("penguins");
			JsonNode doc = http.get("/documents/penguins").json();
			assertThat(doc.get("metadata").get("kind").asString()).isEqualTo("bird");
			assertThat(http.post("/documents", Map.of("id", "penguins", "content",
					"Emperor penguins breed during the Antarctic winter and huddle to keep warm.", "metadata",
					Map.of("kind", "bird"))).json().get("documents").get(0).get("status").asString())
				.isEqualTo("unchanged");
		}
	}

}
