package io.ragwell.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Metadata filters narrow results exactly, through HTTP, the real model and the real index. */
// Its own context: $ne and $nin match documents without the field, so other classes' documents would match.
@RagwellIntegrationTest(ownContext = true)
class FilterIT {

	private static final String[] LANGS = { "en", "de", "fr" };

	@LocalServerPort
	int port;

	private RagwellHttp http;

	private record Meta(String id, String lang, long year, boolean reviewed) {
	}

	private final List<Meta> docs = new ArrayList<>();

	@BeforeEach
	void ingest() {
		this.http = new RagwellHttp(this.port);
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Meta meta = new Meta("doc-" + i, LANGS[i % 3], 2018 + (i % 6), i % 2 == 0);
			this.docs.add(meta);
			batch.add(Map.of("id", meta.id(), "source", "file-" + i + ".txt", "content",
					"Report " + i + " on river water quality, sediment and fish populations.", "metadata",
					Map.of("lang", meta.lang(), "year", meta.year(), "reviewed", meta.reviewed(), "tags",
							List.of("river", "t" + (i % 4)))));
		}
		assertThat(this.http.post("/documents", Map.of("documents", batch)).status()).isEqualTo(200);
	}

	private Set<String> search(String filtersJson) {
		String body = "{\"query\": \"river water quality\", \"top_k\": 50, \"mode\": \"dense\", \"filters\": "
				+ filtersJson + "}";
		RagwellHttp.Response response = this.http.post("/search", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Set<String> ids = new TreeSet<>();
		for (JsonNode result : response.json().get("results")) {
			ids.add(result.get("chunk").get("document_id").asString());
		}
		return ids;
	}

	private Set<String> expected(Predicate<Meta> predicate) {
		Set<String> ids = new TreeSet<>();
		this.docs.stream().filter(predicate).forEach(m -> ids.add(m.id()));
		return ids;
	}

	@Test
	void equalityNarrowsToMatchingDocuments() {
		assertThat(search("{\"lang\": \"de\"}")).isEqualTo(expected(m -> m.lang().equals("de")));
		assertThat(search("{\"reviewed\": true}")).isEqualTo(expected(Meta::reviewed));
		assertThat(search("{\"year\": {\"$eq\": 2020}}")).isEqualTo(expected(m -> m.year() == 2020));
		assertThat(search("{\"document_id\": \"doc-3\"}")).containsExactly("doc-3");
		assertThat(search("{\"source\": \"file-4.txt\"}")).containsExactly("doc-4");
		assertThat(search("{\"tags\": \"t1\"}")).isEqualTo(expected(m -> Integer.parseInt(m.id().substring(4)) % 4 == 1));
	}

	@Test
	void inAndNotInNarrowToMembers() {
		assertThat(search("{\"lang\": [\"de\", \"fr\"]}")).isEqualTo(expected(m -> !m.lang().equals("en")));
		assertThat(search("{\"lang\": {\"$nin\": [\"de\", \"fr\"]}}")).isEqualTo(expected(m -> m.lang().equals("en")));
		assertThat(search("{\"lang\": {\"$ne\": \"en\"}}")).isEqualTo(expected(m -> !m.lang().equals("en")));
	}

	@Test
	void rangesNarrowNumerically() {
		assertThat(search("{\"year\": {\"$gte\": 2020, \"$lt\": 2022}}"))
			.isEqualTo(expected(m -> m.year() >= 2020 && m.year() < 2022));
		assertThat(search("{\"year\": {\"$gt\": 2022}}")).isEqualTo(expected(m -> m.year() > 2022));
		assertThat(search("{\"year\": {\"$lte\": 2018.5}}")).isEqualTo(expected(m -> m.year() <= 2018));
	}

	@Test
	void andOrCombine() {
		assertThat(search("{\"$or\": [{\"lang\": \"de\"}, {\"year\": 2018}]}"))
			.isEqualTo(expected(m -> m.lang().equals("de") || m.year() == 2018));
		assertThat(search("{\"$and\": [{\"lang\": \"en\"}, {\"reviewed\": true}]}"))
			.isEqualTo(expected(m -> m.lang().equals("en") && m.reviewed()));
		assertThat(search("{\"$or\": [{\"$and\": [{\"lang\": \"fr\"}, {\"year\": {\"$gte\": 2021}}]}, {\"document_id\": \"doc-0\"}]}"))
			.isEqualTo(expected(m -> (m.lang().equals("fr") && m.year() >= 2021) || m.id().equals("doc-0")));
	}

	@Test
	void unknownOperatorIsABadRequestProblem() {
		RagwellHttp.Response response = this.http.post("/search",
				"{\"query\": \"river\", \"filters\": {\"year\": {\"$between\": [1, 2]}}}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:ragwell:problem:invalid-filter");
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString()).contains("$between");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("filters");
	}

}
