package io.ragwell.web;

import java.util.List;
import java.util.Map;

import io.ragwell.support.KeyedIntegrationTest;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.Sse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /query/stream} on the real application with the extractive answerer: the events and their order,
 * the same sources and citations as {@code /query}, a cached answer in one piece, and the same keys, scopes and
 * namespaces as {@code /query}.
 */
@KeyedIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryStreamIT {

	private static final String PENGUINS = "Emperor penguins breed during the Antarctic winter. Males huddle together"
			+ " in large groups to keep the eggs warm. Each male balances an egg on his feet under a fold of skin."
			+ " Females return from the sea after about two months to feed the chicks.";

	private static final String GLACIERS = "Glaciers form where snow accumulates faster than it melts. The weight of"
			+ " the ice makes it flow downhill. Retreating glaciers leave moraines behind them.";

	@LocalServerPort
	int port;

	@BeforeAll
	void ingestTheSameDocumentsInBothNamespaces() {
		for (String key : List.of(KeyedIntegrationTest.ALPHA, KeyedIntegrationTest.BETA)) {
			RagwellHttp.Response response = send("POST", "/documents", key, Map.of("documents",
					List.of(Map.of("id", "stream-penguins", "content", PENGUINS),
							Map.of("id", "stream-glaciers", "content", GLACIERS))));
			assertThat(response.status()).as(response.body()).isBetween(200, 201);
		}
	}

	@Test
	void streamsSourcesThenDeltasThenDoneWithTheSameSourcesAndCitationsAsQuery() {
		Map<String, Object> question = Map.of("query", "How do emperor penguins keep their eggs warm?", "top_k", 3);

		// Both fresh: the two namespaces hold the same documents and keep their own cache and BM25 statistics.
		RagwellHttp.Response streamed = send("POST", "/query/stream", KeyedIntegrationTest.ALPHA, question);
		RagwellHttp.Response json = send("POST", "/query", KeyedIntegrationTest.BETA, question);

		assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
		assertThat(streamed.contentType()).startsWith("text/event-stream");
		List<Sse.Event> events = Sse.parse(streamed.body());
		assertThat(events).extracting(Sse.Event::name).first().isEqualTo("sources");
		assertThat(events).extracting(Sse.Event::name).last().isEqualTo("done");
		List<Sse.Event> deltas = events.subList(1, events.size() - 1);
		assertThat(deltas).extracting(Sse.Event::name).containsOnly("delta");
		// The extractive answerer quotes several sentences, one event each.
		assertThat(deltas).hasSizeGreaterThan(1);

		JsonNode expected = json.json();
		assertThat(expected.path("cached").asBoolean()).isFalse();
		JsonNode sources = RagwellHttp.JSON.readTree(events.get(0).data());
		assertThat(sources).isEqualTo(expected.path("sources"));
		String text = String.join("", deltas.stream()
			.map((delta) -> RagwellHttp.JSON.readTree(delta.data()).path("text").asString())
			.toList());
		assertThat(text).isEqualTo(expected.path("answer").asString()).contains("[1]");

		JsonNode done = RagwellHttp.JSON.readTree(events.getLast().data());
		assertThat(done.propertyNames()).containsExactlyInAnyOrder("latency_ms", "tokens_used", "mode", "cached",
				"degraded", "query_id", "warnings", "abstained");
		assertThat(done.path("abstained").asBoolean()).isEqualTo(expected.path("abstained").asBoolean()).isFalse();
		assertThat(done.path("cached").asBoolean()).isFalse();
		assertThat(done.path("degraded").asBoolean()).isFalse();
		assertThat(done.path("mode").asString()).isEqualTo("extractive");
		assertThat(done.path("tokens_used").asInt()).isEqualTo(expected.path("tokens_used").asInt()).isPositive();
		assertThat(done.path("query_id").asString()).hasSize(36).isNotEqualTo(expected.path("query_id").asString());
	}

	@Test
	void aCachedAnswerStreamsInOnePiece() {
		Map<String, Object> question = Map.of("query", "What do retreating glaciers leave behind?");
		RagwellHttp.Response first = send("POST", "/query", KeyedIntegrationTest.ALPHA, question);
		assertThat(first.status()).as(first.body()).isEqualTo(200);

		RagwellHttp.Response streamed = send("POST", "/query/stream", KeyedIntegrationTest.ALPHA, question);

		List<Sse.Event> events = Sse.parse(streamed.body());
		assertThat(events).extracting(Sse.Event::name).containsExactly("sources", "delta", "done");
		assertThat(RagwellHttp.JSON.readTree(events.get(1).data()).path("text").asString())
			.isEqualTo(first.json().path("answer").asString());
		assertThat(RagwellHttp.JSON.readTree(events.get(0).data())).isEqualTo(first.json().path("sources"));
		assertThat(RagwellHttp.JSON.readTree(events.get(2).data()).path("cached").asBoolean()).isTrue();
	}

	@Test
	void aRequestRejectedBeforeTheStreamStartsIsAnOrdinaryProblemDetail() {
		RagwellHttp.Response invalid = send("POST", "/query/stream", KeyedIntegrationTest.ALPHA,
				Map.of("query", "penguins", "top_k", 0));

		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.contentType()).startsWith("application/problem+json");
		assertThat(invalid.json().path("type").asString()).isEqualTo("urn:ragwell:problem:invalid-request");
		assertThat(invalid.json().path("errors").path(0).path("field").asString()).isEqualTo("top_k");
	}

	@Test
	void theSameKeysScopesAndNamespacesAsQuery() {
		RagwellHttp http = new RagwellHttp(this.port);
		RagwellHttp.Response anonymous = http.post("/query/stream", Map.of("query", "penguins"));
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json().path("type").asString()).isEqualTo("urn:ragwell:problem:unauthenticated");

		RagwellHttp.Response writeOnly = send("POST", "/query/stream", KeyedIntegrationTest.WRITER,
				Map.of("query", "penguins"));
		assertThat(writeOnly.status()).isEqualTo(403);
		assertThat(writeOnly.json().path("type").asString()).isEqualTo("urn:ragwell:problem:forbidden");

		// A document only alpha holds is never a source of beta's stream.
		RagwellHttp.Response added = send("POST", "/documents", KeyedIntegrationTest.ALPHA,
				Map.of("id", "stream-alpha-only", "content", "Tardigrades survive the vacuum of space for days."));
		assertThat(added.status()).as(added.body()).isBetween(200, 201);
		Map<String, Object> question = Map.of("query", "Which animals survive the vacuum of space?");
		assertThat(sourceDocuments(send("POST", "/query/stream", KeyedIntegrationTest.ALPHA, question)))
			.contains("stream-alpha-only");
		assertThat(sourceDocuments(send("POST", "/query/stream", KeyedIntegrationTest.BETA, question)))
			.isNotEmpty()
			.doesNotContain("stream-alpha-only");
	}

	private static List<String> sourceDocuments(RagwellHttp.Response streamed) {
		assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
		JsonNode sources = RagwellHttp.JSON.readTree(Sse.parse(streamed.body()).get(0).data());
		return sources.valueStream().map((source) -> source.path("chunk").path("document_id").asString()).toList();
	}

	private RagwellHttp.Response send(String method, String path, String key, Object body) {
		return new RagwellHttp(this.port).send(method, path, RagwellHttp.JSON.writeValueAsString(body),
				Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
	}

}
