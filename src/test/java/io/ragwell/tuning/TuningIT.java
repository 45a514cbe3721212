package io.ragwell.tuning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ragwell.RagwellApplication;
import io.ragwell.eval.RetrievalMetrics;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SciFact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback that improves retrieval, end to end over HTTP with the real model and index: simulated users rate the
 * sources of SciFact train questions (up on the judged-relevant ones returned, down on the others) in a namespace
 * whose configured mode is deliberately poor (BM25 only); {@code POST /tuning} must then make the SciFact test
 * questions of the slice score better than before and no worse than the shipped defaults, the settings must
 * survive a restart and be revertible, and another namespace must see none of it.
 */
@RequiresSharedData("datasets/scifact")
class TuningIT {

	private static final String TUNED = "tuned-admin-key-0123456789";

	private static final String TUNED_READER = "tuned-reader-key-0123456789";

	private static final String OTHER = "other-admin-key-0123456789";

	/**
	 * Train questions the simulated users ask, test questions scored, documents ingested: small enough for the test
	 * command; {@code -Dragwell.tuning-it.train=… .test=… .documents=…} run the larger experiment of
	 * docs/EVALUATION.md.
	 */
	private static final int TRAIN_QUERIES = Integer.getInteger("ragwell.tuning-it.train", 120);

	private static final int TEST_QUERIES = Integer.getInteger("ragwell.tuning-it.test", 50);

	private static final int DOCUMENTS = Integer.getInteger("ragwell.tuning-it.documents", 400);

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(RagwellApplication.class)
			.properties("server.port=0", "ragwell.store.lucene.path=" + this.dataDir.resolve("index"),
					"ragwell.feedback.path=" + this.dataDir.resolve("feedback/feedback.jsonl"),
					"ragwell.query-log.path=" + this.dataDir.resolve("query-log"),
					"ragwell.assets.path=" + this.dataDir.resolve("assets"),
					"ragwell.jobs.path=" + this.dataDir.resolve("jobs"),
					// Deliberately poor: BM25 only, what tuning has to improve on.
					"ragwell.query.default-mode=sparse",
					// The answers are not what is measured: embed few of their sentences.
					"ragwell.llm.extractive.embed-candidates=3", "ragwell.security.rate-limit.enabled=false",
					"ragwell.security.api-keys[0].key=" + TUNED, "ragwell.security.api-keys[0].name=tuned",
					"ragwell.security.api-keys[0].scopes=read,write,admin",
					"ragwell.security.api-keys[0].namespace=tuned", "ragwell.security.api-keys[1].key=" + TUNED_READER,
					"ragwell.security.api-keys[1].name=tuned-reader", "ragwell.security.api-keys[1].scopes=read",
					"ragwell.security.api-keys[1].namespace=tuned", "ragwell.security.api-keys[2].key=" + OTHER,
					"ragwell.security.api-keys[2].name=other", "ragwell.security.api-keys[2].scopes=read,write,admin",
					"ragwell.security.api-keys[2].namespace=other")
			.run();
	}

	@Test
	void feedbackTunesANamespaceThatSurvivesARestartAndStaysItsOwn() {
		Slice slice = slice();
		Map<String, Double> scores = new LinkedHashMap<>();
		try (ConfigurableApplicationContext app = start()) {
			Client tuned = new Client(port(app), TUNED);
			Client other = new Client(port(app), OTHER);
			ingest(tuned, slice.docs());
			ingest(other, slice.docs().subList(0, 10));

			// Too few judgments yet: nothing changes, and the report says what is needed.
			JsonNode early = tuned.post("/tuning", Map.of()).json();
			assertThat(early.get("status").asString()).isEqualTo("kept");
			assertThat(early.get("reason").asString()).contains("not enough judgments");

			int rated = simulateUsers(tuned, slice);
			scores.put("before (sparse)", ndcgAt10(tuned, slice.test(), Map.of()));
			scores.put("defaults (hybrid weighted 0.5)",
					ndcgAt10(tuned, slice.test(), Map.of("mode", "hybrid", "fusion", "weighted", "alpha", 0.5)));

			assertThat(tuned.post("/tuning", Map.of(), TUNED_READER).status()).isEqualTo(403);
			RagwellHttp.Response badBody = tuned.post("/tuning", Map.of("dry_run", "maybe"));
			assertThat(badBody.status()).isEqualTo(400);
			assertThat(badBody.contentType()).startsWith("application/problem+json");

			long start = System.nanoTime();
			RagwellHttp.Response run = tuned.post("/tuning", Map.of());
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(run.status()).as(run.body()).isEqualTo(200);
			JsonNode report = run.json();
			System.out.printf("tuning: %d questions rated; run took %.1f s: %s%n", rated, seconds, run.body());
			assertThat(report.get("status").asString()).as(run.body()).isEqualTo("applied");
			assertThat(report.get("judged_queries").asInt()).isGreaterThanOrEqualTo(30);
			assertThat(report.get("best").get("settings").get("mode").asString()).isNotEqualTo("sparse");

			scores.put("after tuning", ndcgAt10(tuned, slice.test(), Map.of()));
			System.out.printf("SciFact test questions of the slice (%d), nDCG@10: %s%n", slice.test().size(), scores);
			assertThat(scores.get("after tuning")).isGreaterThan(scores.get("before (sparse)"))
				.isGreaterThanOrEqualTo(scores.get("defaults (hybrid weighted 0.5)") - 0.005);

			// POST /evaluations measures what /query serves: the tuned settings, unless the request names a mode.
			List<Map<String, Object>> judged = slice.test()
				.stream()
				.map((question) -> Map.<String, Object>of("id", question.text(), "query", question.text(), "relevant",
						question.relevant().stream().collect(java.util.stream.Collectors.toMap((id) -> id, (id) -> 1))))
				.toList();
			JsonNode live = tuned.post("/evaluations", Map.of("queries", judged)).json();
			assertThat(live.get("mode").asString()).as(live.toString())
				.isEqualTo(report.get("best").get("settings").get("mode").asString());
			assertThat(tuned.post("/evaluations", Map.of("queries", judged, "mode", "sparse")).json().get("mode")
				.asString()).isEqualTo("sparse");
			assertThat(other.post("/evaluations", Map.of("queries", judged)).json().get("mode").asString())
				.isEqualTo("sparse");

			JsonNode view = tuned.get("/tuning").json();
			assertThat(view.get("tuned").asBoolean()).isTrue();
			assertThat(view.get("current").get("settings")).isEqualTo(report.get("best").get("settings"));
			assertThat(view.has("previous")).as("the replaced settings were the configured ones").isFalse();
			assertThat(view.get("defaults").get("mode").asString()).isEqualTo("sparse");

			// Tenancy: the other namespace has no tuned settings, its feedback is its own, its queries stay sparse.
			JsonNode otherView = other.get("/tuning").json();
			assertThat(otherView.get("tuned").asBoolean()).isFalse();
			assertThat(otherView.get("effective").get("mode").asString()).isEqualTo("sparse");
			assertThat(other.post("/search", Map.of("query", slice.test().get(0).text())).json()
				.get("search_mode")
				.asString()).isEqualTo("sparse");
			String foreignQueryId = tuned.post("/query", Map.of("query", slice.test().get(0).text())).json()
				.get("query_id")
				.asString();
			assertThat(other.post("/feedback", Map.of("query_id", foreignQueryId, "rating", "up", "source_ids",
					List.of(slice.docs().get(0).id() + "#0"))).status()).isEqualTo(202);
			JsonNode otherRun = other.post("/tuning", Map.of()).json();
			assertThat(otherRun.get("status").asString()).isEqualTo("kept");
			assertThat(otherRun.get("feedback").get("records").asInt()).isEqualTo(1);
			assertThat(otherRun.get("feedback").get("unmatched").asInt())
				.as("another namespace's query_id joins nothing")
				.isEqualTo(1);
			assertThat(other.delete("/tuning").status()).isEqualTo(404);
		}

		// A restart reads the settings back from beside the index.
		try (ConfigurableApplicationContext app = start()) {
			Client tuned = new Client(port(app), TUNED);
			JsonNode view = tuned.get("/tuning").json();
			assertThat(view.get("tuned").asBoolean()).isTrue();
			String mode = view.get("effective").get("mode").asString();
			assertThat(tuned.post("/search", Map.of("query", slice.test().get(0).text())).json()
				.get("search_mode")
				.asString()).isEqualTo(mode);
			assertThat(ndcgAt10(tuned, slice.test(), Map.of())).isEqualTo(scores.get("after tuning"));

			// Revert: back to the configured settings; nothing left to revert after that.
			JsonNode reverted = tuned.delete("/tuning").json();
			assertThat(reverted.get("tuned").asBoolean()).isFalse();
			assertThat(reverted.get("effective").get("mode").asString()).isEqualTo("sparse");
			assertThat(tuned.post("/search", Map.of("query", slice.test().get(0).text())).json()
				.get("search_mode")
				.asString()).isEqualTo("sparse");
			RagwellHttp.Response again = tuned.delete("/tuning");
			assertThat(again.status()).isEqualTo(404);
			assertThat(again.json().get("type").asString()).isEqualTo("urn:ragwell:problem:not-found");
		}
	}

	/**
	 * Each train question asked once through {@code /query} (top 10 sources): up on the returned sources SciFact
	 * judges relevant, down on the others.
	 * @return questions that got an up
	 */
	private static int simulateUsers(Client client, Slice slice) {
		int rated = 0;
		for (Question question : slice.train()) {
			JsonNode body = client.post("/query", Map.of("query", question.text(), "top_k", 10)).json();
			List<String> up = new ArrayList<>();
			List<String> down = new ArrayList<>();
			for (JsonNode source : body.get("sources")) {
				String chunk = source.get("chunk").get("id").asString();
				(question.relevant().contains(source.get("chunk").get("document_id").asString()) ? up : down).add(chunk);
			}
			String queryId = body.get("query_id").asString();
			if (!up.isEmpty()) {
				assertThat(client.post("/feedback", Map.of("query_id", queryId, "rating", "up", "source_ids", up))
					.status()).isEqualTo(202);
				rated++;
			}
			if (!down.isEmpty()) {
				assertThat(client.post("/feedback", Map.of("query_id", queryId, "rating", "down", "source_ids", down))
					.status()).isEqualTo(202);
			}
		}
		return rated;
	}

	/** Mean nDCG@10 of the questions through {@code /search} (50 chunks, ranked as documents). */
	private static double ndcgAt10(Client client, List<Question> questions, Map<String, Object> settings) {
		double sum = 0;
		for (Question question : questions) {
			Map<String, Object> request = new HashMap<>(settings);
			request.put("query", question.text());
			request.put("top_k", 50);
			RagwellHttp.Response response = client.post("/search", request);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			List<String> chunks = new ArrayList<>();
			Map<String, String> documents = new HashMap<>();
			for (JsonNode result : response.json().get("results")) {
				chunks.add(result.get("chunk").get("id").asString());
				documents.put(result.get("chunk").get("id").asString(),
						result.get("chunk").get("document_id").asString());
			}
			List<String> ranking = new ArrayList<>(new LinkedHashSet<>(chunks.stream().map(documents::get).toList()));
			Map<String, Integer> grades = new HashMap<>();
			question.relevant().forEach((id) -> grades.put(id, 1));
			sum += RetrievalMetrics.ndcgAt(ranking, grades, 10);
		}
		return Math.round(sum / questions.size() * 10_000) / 10_000.0;
	}

	private static void ingest(Client client, List<SciFact.Doc> docs) {
		for (int from = 0; from < docs.size(); from += 50) {
			List<Map<String, Object>> batch = new ArrayList<>();
			for (SciFact.Doc doc : docs.subList(from, Math.min(from + 50, docs.size()))) {
				batch.add(Map.of("id", doc.id(), "content", doc.content()));
			}
			RagwellHttp.Response response = client.post("/documents", Map.of("documents", batch));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
		}
	}

	private static int port(ConfigurableApplicationContext app) {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	/**
	 * The first train and test questions with judgments, every document judged for them, and corpus-order
	 * distractors up to {@link #DOCUMENTS}.
	 */
	private static Slice slice() {
		Map<String, SciFact.Doc> corpus = SciFact.corpus();
		Map<String, String> texts = SciFact.queries();
		Set<String> docIds = new LinkedHashSet<>();
		List<Question> train = questions(SciFact.qrels("train"), texts, TRAIN_QUERIES, docIds);
		List<Question> test = questions(SciFact.qrels("test"), texts, TEST_QUERIES, docIds);
		for (String id : corpus.keySet()) {
			if (docIds.size() >= DOCUMENTS) {
				break;
			}
			docIds.add(id);
		}
		return new Slice(docIds.stream().map(corpus::get).toList(), train, test);
	}

	private static List<Question> questions(Map<String, Set<String>> qrels, Map<String, String> texts, int count,
			Set<String> docIds) {
		List<Question> questions = new ArrayList<>();
		for (Map.Entry<String, Set<String>> judged : qrels.entrySet()) {
			if (questions.size() == count) {
				break;
			}
			questions.add(new Question(texts.get(judged.getKey()), judged.getValue()));
			docIds.addAll(judged.getValue());
		}
		return questions;
	}

	private record Question(String text, Set<String> relevant) {
	}

	private record Slice(List<SciFact.Doc> docs, List<Question> train, List<Question> test) {
	}

	/** HTTP with one API key. */
	private static final class Client {

		private final RagwellHttp http;

		private final String key;

		Client(int port, String key) {
			this.http = new RagwellHttp(port);
			this.key = key;
		}

		RagwellHttp.Response post(String path, Object body) {
			return post(path, body, this.key);
		}

		RagwellHttp.Response post(String path, Object body, String key) {
			return this.http.send("POST", path, RagwellHttp.JSON.writeValueAsString(body),
					Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key));
		}

		RagwellHttp.Response get(String path) {
			return this.http.send("GET", path, null, Map.of("Authorization", "Bearer " + this.key));
		}

		RagwellHttp.Response delete(String path) {
			return this.http.send("DELETE", path, null, Map.of("Authorization", "Bearer " + this.key));
		}

	}

}
