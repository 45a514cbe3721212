package io.ragwell.query.rerank;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.SearchResult;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The three HTTP rerankers against fixtures shaped like their APIs (src/test/resources/contracts/rerank). */
class HttpRerankerTests {

	private static final String KEY = "rk-test-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	@BeforeEach
	void start() throws IOException {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void teiPostsQueryAndTextsAndOrdersByScore() throws Exception {
		this.server.enqueue(json(200, fixture("tei-rerank.response.json")));
		TeiReranker reranker = new TeiReranker(url(""), KEY, Duration.ofSeconds(5));

		List<SearchResult> results = reranker.rerank(request(2));

		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getMethod()).isEqualTo("POST");
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/rerank");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
		JsonNode body = JSON.readTree(recorded.getBody().utf8());
		assertThat(body.get("query").asString()).isEqualTo("why do cats purr");
		assertThat(body.get("texts")).extracting(JsonNode::asString)
			.containsExactly("Dogs bark at strangers.", "The stock market fell.", "Cats purr when content.");
		assertThat(body.get("raw_scores").asBoolean()).isFalse();
		assertThat(body.get("truncate").asBoolean()).isTrue();
		// TEI scores every text; the cut to top 2 is ours.
		assertThat(results).extracting(result -> result.chunk().id()).containsExactly("c", "a");
		assertThat(results).extracting(SearchResult::rank).containsExactly(1, 2);
		assertThat(results.get(0).rerankScore()).isEqualTo(0.9921875);
		assertThat(results.get(0).score()).isEqualTo(0.9921875);
		// Retrieval provenance survives the rerank.
		assertThat(results.get(0).denseScore()).isEqualTo(0.5);
		assertThat(results.get(0).sparseScore()).isEqualTo(3.0);
	}

	@Test
	void teiWithoutAKeySendsNoAuthorizationHeader() throws Exception {
		this.server.enqueue(json(200, fixture("tei-rerank.response.json")));

		new TeiReranker(url("/"), null, Duration.ofSeconds(5)).rerank(request(3));

		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getHeaders().get("Authorization")).isNull();
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/rerank");
	}

	@Test
	void cohereSendsModelDocumentsAndTopNAndOrdersByRelevanceScore() throws Exception {
		this.server.enqueue(json(200, fixture("cohere-rerank.response.json")));
		CohereReranker reranker = new CohereReranker(url(""), KEY, "rerank-v3.5", Duration.ofSeconds(5));

		List<SearchResult> results = reranker.rerank(request(2));

		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v2/rerank");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
		JsonNode body = JSON.readTree(recorded.getBody().utf8());
		assertThat(body.get("model").asString()).isEqualTo("rerank-v3.5");
		assertThat(body.get("query").asString()).isEqualTo("why do cats purr");
		assertThat(body.get("documents")).hasSize(3);
		assertThat(body.get("top_n").asInt()).isEqualTo(2);
		assertThat(results).extracting(result -> result.chunk().id()).containsExactly("c", "a");
		assertThat(results.get(1).rerankScore()).isEqualTo(0.32713068);
	}

	@Test
	void cohereUrlThatAlreadyNamesTheEndpointIsUsedAsIs() throws Exception {
		this.server.enqueue(json(200, fixture("cohere-rerank.response.json")));

		new CohereReranker(url("/v2/rerank"), KEY, "rerank-v3.5", Duration.ofSeconds(5)).rerank(request(2));

		assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/rerank");
	}

	@Test
	void jinaPostsToV1RerankAndReordersResultsThatArriveUnsorted() throws Exception {
		// Sorted by the service as published; reversed here to show the order comes from the scores.
		JsonNode fixture = JSON.readTree(fixture("jina-rerank.response.json"));
		var results = (tools.jackson.databind.node.ArrayNode) fixture.get("results");
		JsonNode first = results.remove(0);
		results.add(first);
		this.server.enqueue(json(200, JSON.writeValueAsString(fixture)));
		JinaReranker reranker = new JinaReranker(url(""), KEY, "jina-reranker-v2-base-multilingual",
				Duration.ofSeconds(5));

		List<SearchResult> reranked = reranker.rerank(request(2));

		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/rerank");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
		JsonNode body = JSON.readTree(recorded.getBody().utf8());
		assertThat(body.get("model").asString()).isEqualTo("jina-reranker-v2-base-multilingual");
		assertThat(body.get("top_n").asInt()).isEqualTo(2);
		assertThat(reranked).extracting(result -> result.chunk().id()).containsExactly("b", "c");
		assertThat(reranked.get(0).rerankScore()).isEqualTo(0.8783142566680908);
	}

	@ParameterizedTest(name = "HTTP {0} retryable={1}")
	@CsvSource({ "400, false", "401, false", "403, false", "404, false", "408, true", "409, true", "422, false",
			"429, true", "500, true", "502, true", "503, true" })
	void statusDecidesWhetherAFailureIsRetryable(int status, boolean retryable) {
		// Twice: OkHttp itself repeats a request once after a 408.
		this.server.enqueue(json(status, "{\"message\":\"failed\"}"));
		this.server.enqueue(json(status, "{\"message\":\"failed\"}"));
		CohereReranker reranker = new CohereReranker(url(""), KEY, "rerank-v3.5", Duration.ofSeconds(5));

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> reranker.rerank(request(2)));

		assertThat(failure.service()).isEqualTo("rerank");
		assertThat(failure.status()).isEqualTo(status);
		assertThat(failure.retryable()).isEqualTo(retryable);
		assertThat(failure.getMessage()).contains("HTTP " + status).contains("failed");
	}

	@Test
	void cohereRateLimitIsRetryableAfterTheDelayTheProviderAsked() {
		this.server.enqueue(new MockResponse.Builder().code(429)
			.setHeader("Content-Type", "application/json")
			.setHeader("Retry-After", "7")
			.body(fixture("cohere-error-429.response.json"))
			.build());
		CohereReranker reranker = new CohereReranker(url(""), KEY, "rerank-v3.5", Duration.ofSeconds(5));

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> reranker.rerank(request(2)));

		assertThat(failure.retryable()).isTrue();
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(failure.getMessage()).contains("Trial key");
	}

	@Test
	void teiBatchTooLargeIsNotRetryableAndCarriesTheErrorType() {
		this.server.enqueue(json(413, fixture("tei-error-413.response.json")));
		TeiReranker reranker = new TeiReranker(url(""), null, Duration.ofSeconds(5));

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> reranker.rerank(request(2)));

		assertThat(failure.retryable()).isFalse();
		assertThat(failure.code()).isEqualTo("Validation");
		assertThat(failure.getMessage()).contains("maximum allowed batch size");
	}

	@Test
	void jinaValidationErrorReportsTheFirstMessage() {
		this.server.enqueue(json(422, fixture("jina-error-422.response.json")));
		JinaReranker reranker = new JinaReranker(url(""), KEY, "jina-reranker-v2-base-multilingual",
				Duration.ofSeconds(5));

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> reranker.rerank(request(2)));

		assertThat(failure.retryable()).isFalse();
		assertThat(failure.code()).isEqualTo("value_error.missing");
		assertThat(failure.getMessage()).contains("field required");
	}

	@Test
	void errorMessagesNeverCarryTheKey() {
		this.server.enqueue(json(401, "{\"message\":\"invalid api token " + KEY + "\"}"));
		CohereReranker reranker = new CohereReranker(url(""), KEY, "rerank-v3.5", Duration.ofSeconds(5));

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> reranker.rerank(request(2)));

		assertThat(failure.getMessage()).doesNotContain(KEY).contains("****");
	}

	@Test
	void aResponseThatIsNotJsonOrHasAnotherShapeIsNotRetryable() {
		this.server.enqueue(json(200, "<html>gateway</html>"));
		this.server.enqueue(json(200, "{\"data\": []}"));
		this.server.enqueue(json(200, "[{\"index\": 9, \"score\": 0.5}]"));
		TeiReranker tei = new TeiReranker(url(""), null, Duration.ofSeconds(5));
		CohereReranker cohere = new CohereReranker(url(""), KEY, "rerank-v3.5", Duration.ofSeconds(5));

		RemoteCallException notJson = catchThrowableOfType(RemoteCallException.class, () -> tei.rerank(request(2)));
		RemoteCallException wrongShape = catchThrowableOfType(RemoteCallException.class,
				() -> cohere.rerank(request(2)));
		RemoteCallException badIndex = catchThrowableOfType(RemoteCallException.class, () -> tei.rerank(request(2)));

		assertThat(List.of(notJson, wrongShape, badIndex)).allSatisfy(failure -> {
			assertThat(failure.retryable()).isFalse();
			assertThat(failure.code()).isEqualTo("invalid_response");
		});
	}

	@Test
	void anUnreachableServerIsARetryableIoFailure() {
		String unreachable = url("");
		this.server.close();
		TeiReranker reranker = new TeiReranker(unreachable, null, Duration.ofSeconds(2));

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> reranker.rerank(request(2)));

		assertThat(failure.status()).isZero();
		assertThat(failure.retryable()).isTrue();
	}

	@Test
	void noCandidatesMeansNoCall() {
		TeiReranker reranker = new TeiReranker(url(""), null, Duration.ofSeconds(2));

		assertThat(reranker.rerank(new RerankRequest("default", "q", null, List.of(), 3))).isEmpty();
		assertThat(this.server.getRequestCount()).isZero();
	}

	private String url(String path) {
		String base = this.server.url("/").toString();
		return base.substring(0, base.length() - 1) + path;
	}

	/** Three candidates in retrieval order a, b, c. */
	private static RerankRequest request(int topN) {
		return new RerankRequest("default", "why do cats purr",
				null, List.of(result("a", "Dogs bark at strangers.", 1), result("b", "The stock market fell.", 2),
						result("c", "Cats purr when content.", 3)),
				topN);
	}

	private static SearchResult result(String id, String text, int rank) {
		Chunk chunk = new Chunk(id, "doc-" + id, text, 0, Map.of(), 4, null, "hash-" + id);
		return new SearchResult(chunk, 1.0 / rank, rank, 0.5, 3.0);
	}

	static String fixture(String name) {
		try (InputStream in = HttpRerankerTests.class.getResourceAsStream("/contracts/rerank/" + name)) {
			if (in == null) {
				throw new IllegalStateException("missing fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

}
