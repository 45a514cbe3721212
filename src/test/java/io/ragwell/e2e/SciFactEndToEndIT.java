package io.ragwell.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ragwell.core.LlmAnswer;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application (ONNX model, Lucene index on disk, HTTP) answering SciFact questions: 300 abstracts
 * ingested over HTTP, 30 judged test queries, a relevant abstract among the top 5 sources for at least 80%.
 */
@RagwellIntegrationTest
@RequiresSharedData("datasets/scifact")
class SciFactEndToEndIT {

	@LocalServerPort
	int port;

	@Test
	void answersSciFactQuestionsWithRelevantCitedSources() {
		SciFact.Slice slice = SciFact.slice(30, 300);
		RagwellHttp http = new RagwellHttp(this.port);

		for (int from = 0; from < slice.docs().size(); from += 50) {
			List<Map<String, Object>> batch = new ArrayList<>();
			for (SciFact.Doc doc : slice.docs().subList(from, Math.min(from + 50, slice.docs().size()))) {
				batch.add(Map.of("id", doc.id(), "content", doc.content(), "source", "scifact:" + doc.id(),
						"metadata", Map.of("dataset", "scifact")));
			}
			RagwellHttp.Response response = http.post("/documents", Map.of("documents", batch));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			for (JsonNode result : response.json().get("documents")) {
				assertThat(result.get("status").asString()).isEqualTo("created");
				assertThat(result.get("chunks").asInt()).isPositive();
			}
		}

		int hits = 0;
		int abstained = 0;
		for (Map.Entry<String, String> query : slice.queries().entrySet()) {
			RagwellHttp.Response response = http.post("/query", Map.of("query", query.getValue(), "top_k", 5));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode body = response.json();
			JsonNode sources = body.get("sources");
			assertThat(sources.size()).as(response.body()).isBetween(1, 5);
			assertThat(body.get("mode").asString()).isEqualTo("extractive");
			assertThat(body.get("tokens_used").asInt()).isPositive();
			assertThat(body.has("latency_ms")).isTrue();
			// Every SciFact test query is answerable (each has judged evidence), so the answerer may decline only a
			// few of them (false abstentions, counted below); otherwise the answer cites its sources.
			if (body.get("abstained").asBoolean()) {
				assertThat(body.get("answer").asString()).isEqualTo(LlmAnswer.ABSTENTION);
				abstained++;
			}
			else {
				assertCitationsPointAtSources(body.get("answer").asString(), sources.size());
			}
			Set<String> relevant = slice.qrels().get(query.getKey());
			boolean hit = false;
			for (JsonNode source : sources) {
				hit |= relevant.contains(source.get("chunk").get("document_id").asString());
			}
			hits += hit ? 1 : 0;
		}
		double hitRate = hits / (double) slice.queries().size();
		System.out.printf("SciFact end-to-end: %d/%d queries with a relevant document in the top 5 (%.1f%%)%n", hits,
				slice.queries().size(), 100 * hitRate);
		assertThat(hitRate).isGreaterThanOrEqualTo(0.8);
		System.out.printf("SciFact end-to-end: %d/%d answerable queries declined%n", abstained,
				slice.queries().size());
		assertThat(abstained / (double) slice.queries().size()).as("false abstention rate").isLessThanOrEqualTo(0.2);
	}

	private static void assertCitationsPointAtSources(String answer, int sourceCount) {
		java.util.regex.Matcher citation = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(answer);
		int citations = 0;
		while (citation.find()) {
			citations++;
			assertThat(Integer.parseInt(citation.group(1))).isBetween(1, sourceCount);
		}
		assertThat(citations).as("answer cites its sources: " + answer).isPositive();
	}

}
