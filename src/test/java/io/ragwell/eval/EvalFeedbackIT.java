package io.ragwell.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.ragwell.RagwellApplication;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eval --feedback}: feedback given on a running service, then, the service stopped, the feedback log joined
 * to its query log and scored on its index by the command.
 */
class EvalFeedbackIT {

	@TempDir
	Path dir;

	@Test
	void feedbackOfAStoppedServiceIsScoredOnItsIndex() throws IOException {
		Path index = this.dir.resolve("index");
		Path feedback = this.dir.resolve("feedback/feedback.jsonl");
		Path queryLog = this.dir.resolve("query-log");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RagwellApplication.class)
			.properties("server.port=0", "ragwell.store.lucene.path=" + index, "ragwell.feedback.path=" + feedback,
					"ragwell.query-log.path=" + queryLog, "ragwell.assets.path=" + this.dir.resolve("assets"),
					"ragwell.jobs.path=" + this.dir.resolve("jobs"))
			.run()) {
			RagwellHttp http = new RagwellHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(http.post("/documents", Map.of("documents", List.of(
					Map.of("id", "penguins", "content", "Emperor penguins huddle together to keep their eggs warm."),
					Map.of("id", "otters", "content", "Sea otters use rocks as tools to open shellfish."),
					Map.of("id", "rockets", "content", "Kerosene rockets reach orbit in several stages.")))).status())
				.isEqualTo(200);
			rate(http, "How do penguins keep their eggs warm?", "penguins");
			rate(http, "What tools do sea otters use?", "otters");
		}

		Path out = this.dir.resolve("feedback-report.json");
		OptionalInt exit = RagwellApplication.runCommand(new String[] { "eval", "--feedback", feedback.toString(),
				"--index", index.toString(), "--out", out.toString(), "--ragwell.query-log.path=" + queryLog,
				"--ragwell.feedback.path=" + this.dir.resolve("eval-feedback/feedback.jsonl") });

		assertThat(exit).hasValue(0);
		JsonNode report = RagwellHttp.JSON.readTree(Files.readString(out));
		assertThat(report.get("mode").asString()).isEqualTo("hybrid");
		assertThat(report.get("queries").asInt()).as("two judged questions").isEqualTo(2);
		assertThat(report.get("ndcg_at_10").asDouble()).isEqualTo(1.0);

		// Feedback needs the service's index; a dataset makes no sense with it.
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--feedback", feedback.toString() })).hasValue(1);
		assertThat(RagwellApplication.runCommand(new String[] { "eval", "--feedback", feedback.toString(), "--index",
				index.toString(), "--dataset", this.dir.toString() })).hasValue(1);
	}

	/** Asks, then rates up the returned source of {@code relevant} and down the others. */
	private static void rate(RagwellHttp http, String question, String relevant) {
		JsonNode body = http.post("/query", Map.of("query", question, "top_k", 3)).json();
		List<String> up = new java.util.ArrayList<>();
		List<String> down = new java.util.ArrayList<>();
		for (JsonNode source : body.get("sources")) {
			(relevant.equals(source.get("chunk").get("document_id").asString()) ? up : down)
				.add(source.get("chunk").get("id").asString());
		}
		assertThat(up).isNotEmpty();
		String queryId = body.get("query_id").asString();
		assertThat(http.post("/feedback", Map.of("query_id", queryId, "rating", "up", "source_ids", up)).status())
			.isEqualTo(202);
		if (!down.isEmpty()) {
			assertThat(http.post("/feedback", Map.of("query_id", queryId, "rating", "down", "source_ids", down))
				.status()).isEqualTo(202);
		}
	}

}
