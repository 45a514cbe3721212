package io.ragwell.e2e;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.LlmAnswer;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import io.ragwell.support.Sse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walk-through on a fresh index holding only its penguin document, with the default answerer
 * (extractive, bge-small, the tuned {@code ragwell.llm.extractive.min-relevance}): a question the document does
 * not answer gets the fixed abstention, the flag and no citation; the README's question gets the quoted
 * sentences with {@code [1]}.
 */
@RagwellIntegrationTest(ownContext = true)
class AbstentionIT {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	/** Query embeddings the model has computed so far (the metered layer sits inside the cache). */
	private double queryEmbeddings() {
		return this.registry.find(RagMetrics.EMBEDDING).tag("kind", "query").timers().stream()
			.mapToDouble(Timer::count)
			.sum();
	}

	@Test
	void declinesAQuestionThePenguinDocumentDoesNotAnswerAndAnswersTheOneItDoes() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response ingested = http.post("/documents", Map.of("id", "penguins", "content",
				"Emperor penguins breed during the Antarctic winter. Males huddle to keep the eggs warm.", "metadata",
				Map.of("topic", "birds", "year", 2021), "source", "notes/penguins.md"));
		assertThat(ingested.status()).as(ingested.body()).isBetween(200, 201);

		JsonNode declined = http.post("/query", Map.of("query", "What is the capital of France?")).json();

		assertThat(declined.get("answer").asString()).isEqualTo(LlmAnswer.ABSTENTION);
		assertThat(declined.get("abstained").asBoolean()).isTrue();
		assertThat(declined.get("answer").asString()).doesNotContain("[");
		assertThat(declined.get("mode").asString()).isEqualTo("extractive");
		// The relevance score stays internal: it is for tuning, not an API promise.
		assertThat(declined.has("relevance")).isFalse();

		// The stream declines the same way: the fixed sentence, and the flag on done.
		RagwellHttp.Response stream = http.send("POST", "/query/stream",
				RagwellHttp.JSON.writeValueAsString(Map.of("query", "What is the capital of France?")),
				Map.of("Content-Type", "application/json"));
		List<Sse.Event> events = Sse.parse(stream.body());
		assertThat(events).extracting(Sse.Event::name).first().isEqualTo("sources");
		assertThat(events).extracting(Sse.Event::name).last().isEqualTo("done");
		assertThat(String.join("", events.stream()
			.filter((event) -> event.name().equals("delta"))
			.map((delta) -> RagwellHttp.JSON.readTree(delta.data()).path("text").asString())
			.toList())).isEqualTo(LlmAnswer.ABSTENTION);
		assertThat(RagwellHttp.JSON.readTree(events.getLast().data()).path("abstained").asBoolean()).isTrue();

		// A new question costs one query embedding: retrieval and the answerer share it (QueryEmbeddingCache).
		double queryEmbeddings = queryEmbeddings();
		JsonNode answered = http.post("/query", Map.of("query", "How do penguins keep their eggs warm?")).json();
		assertThat(queryEmbeddings() - queryEmbeddings).isEqualTo(1.0);

		assertThat(answered.get("abstained").asBoolean()).isFalse();
		assertThat(answered.get("answer").asString()).contains("Males huddle to keep the eggs warm [1].");
		assertThat(answered.get("sources").get(0).get("chunk").get("document_id").asString()).isEqualTo("penguins");
	}

}
