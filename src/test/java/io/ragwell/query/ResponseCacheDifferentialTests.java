package io.ragwell.query;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.query.cache.CacheProperties;
import io.ragwell.query.cache.ResponseCache;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.query.rerank.NoReranker;
import io.ragwell.query.rerank.RerankProperties;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.store.lucene.LuceneVectorStore;
import io.ragwell.support.FakeEmbedder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache against no cache, over one real Lucene index: whatever the request, a cached service
 * answers exactly what an uncached one computes. Requests come from a seeded generator over a small space
 * (so they repeat and hit the cache) whose members differ in the ways a key could lose: value types in
 * filters, list spellings, query case and spacing, mode, fusion and its parameters, top_k, namespace.
 */
class ResponseCacheDifferentialTests {

	private static final long SEED = Long.getLong("ragwell.test.seed", 20261201L);

	@TempDir
	Path dir;

	private LuceneVectorStore store;

	@BeforeEach
	void index() {
		this.store = new LuceneVectorStore(this.dir.resolve("index"), CasedEmbedder.DIMENSIONS);
		for (String namespace : List.of("default", "other")) {
			add(namespace, "a", "Rivers carry sediment to the sea.", Map.of("year", 2021L, "tag", List.of("a, b")));
			add(namespace, "b", "rivers carry SEDIMENT downstream.", Map.of("year", "2021", "tag", List.of("a", "b")));
			add(namespace, "c", "The US river survey counts sediment.", Map.of("year", 2021.5, "draft", true));
			add(namespace, "d", "us rivers: a survey of carried sediment.", Map.of("draft", "true", "year", 2020L));
		}
		add("other", "e", "Rivers of the other tenant.", Map.of("year", 2021L));
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void aNumberFilterAndAStringFilterNeverShareACachedAnswer() {
		RagService service = service(true);
		SearchResponse number = service.search("default", search("rivers", Map.of("year", 2021)));
		SearchResponse string = service.search("default", search("rivers", Map.of("year", "2021")));
		assertThat(ids(number)).containsExactly("a");
		assertThat(string.cached()).isFalse();
		assertThat(ids(string)).containsExactly("b");
		SearchResponse oneValue = service.search("default", search("rivers", Map.of("tag", List.of("a, b"))));
		SearchResponse twoValues = service.search("default", search("rivers", Map.of("tag", List.of("a", "b"))));
		assertThat(ids(oneValue)).containsExactly("a");
		assertThat(twoValues.cached()).isFalse();
		assertThat(ids(twoValues)).containsExactly("b");
		assertThat(service.search("default", search("rivers", Map.of("year", 2021))).cached()).isTrue();
	}

	@Test
	void aQuestionInOtherCaseIsNotServedTheCachedAnswer() {
		RagService service = service(true);
		service.search("default", new QueryRequest("US survey", 4, null, "dense"));
		SearchResponse lower = service.search("default", new QueryRequest("us survey", 4, null, "dense"));
		assertThat(lower.results()).isEqualTo(service(false).search("default",
				new QueryRequest("us survey", 4, null, "dense")).results());
		assertThat(lower.cached()).isFalse();
	}

	@Test
	void aCachedServiceAnswersWhatAnUncachedOneComputes() {
		System.out.println("ResponseCacheDifferentialTests seed=" + SEED + " (replay with -Dragwell.test.seed=" + SEED
				+ ")");
		Random random = new Random(SEED);
		RagService cached = service(true);
		RagService uncached = service(false);
		int hits = 0;
		int answered = 0;
		QueryRequest previous = request(random);
		for (int i = 0; i < 3000; i++) {
			String namespace = random.nextInt(4) == 0 ? "other" : "default";
			// Half the requests are the previous one with one part spelt as its nearest different twin: the
			// pairs a lossy key would merge.
			QueryRequest request = random.nextBoolean() ? request(random) : twin(previous, random);
			previous = request;
			Object expected = outcome(() -> uncached.search(namespace, request));
			Object actual = outcome(() -> cached.search(namespace, request));
			assertThat(actual).as("seed %d, request %d: %s", SEED, i, request).isEqualTo(expected);
			if (actual instanceof Answer answer) {
				answered++;
				hits += answer.cached() ? 1 : 0;
			}
		}
		assertThat(answered).isGreaterThan(1000);
		assertThat(hits).as("the request space is small enough to repeat").isGreaterThan(150);
	}

	/** What a search yields, without latency and the cached flag: the results or the 400's type and field. */
	private record Answer(List<SearchResult> results, String mode, List<String> warnings, boolean cached) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Answer that && this.results.equals(that.results) && this.mode.equals(that.mode)
					&& this.warnings.equals(that.warnings);
		}

		@Override
		public int hashCode() {
			return this.results.hashCode();
		}

	}

	private static Object outcome(java.util.function.Supplier<SearchResponse> search) {
		try {
			SearchResponse response = search.get();
			return new Answer(response.results(), response.searchMode(), response.warnings(), response.cached());
		}
		catch (InvalidRequestException ex) {
			return ex.type() + " " + ex.field();
		}
	}

	private static QueryRequest request(Random random) {
		String query = pick(random, "rivers sediment", "Rivers sediment", "rivers  sediment", "US survey",
				"us survey", "RIVERS");
		Integer topK = pick(random, null, 1, 2, 4);
		String mode = pick(random, null, "dense", "sparse", "hybrid", "HYBRID");
		String fusion = pick(random, null, "rrf", "weighted");
		Double alpha = pick(random, null, 0.0, 0.3, 1.0);
		Integer rrfK = pick(random, null, 1, 60);
		Object filters = (random.nextInt(4) == 0) ? null : filter(random, 0);
		return new QueryRequest(query, topK, filters, mode, fusion, alpha, rrfK);
	}

	private static QueryRequest twin(QueryRequest request, Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> new QueryRequest(twinQuery(request.query()), request.topK(), request.filters(), request.mode(),
					request.fusion(), request.alpha(), request.rrfK());
			case 1 -> new QueryRequest(request.query(), request.topK(), request.filters(), request.mode(),
					pick(random, "rrf", "weighted"), request.alpha(), request.rrfK());
			default -> new QueryRequest(request.query(), request.topK(), twinFilter(request.filters()), request.mode(),
					request.fusion(), request.alpha(), request.rrfK());
		};
	}

	private static String twinQuery(String query) {
		String lower = query.toLowerCase(java.util.Locale.ROOT);
		return lower.equals(query) ? query.toUpperCase(java.util.Locale.ROOT) : lower;
	}

	/** Every scalar swapped for one that prints alike or nearly: 2021 and "2021", true and "true", lists. */
	private static @Nullable Object twinFilter(@Nullable Object raw) {
		return switch (raw) {
			case null -> null;
			case Map<?, ?> map -> {
				Map<Object, @Nullable Object> twin = new LinkedHashMap<>();
				map.forEach((key, value) -> twin.put(key, twinFilter(value)));
				yield twin;
			}
			case List<?> list when list.equals(List.of("a, b")) -> List.of("a", "b");
			case List<?> list when list.equals(List.of("a", "b")) -> List.of("a, b");
			case List<?> list -> list.stream().map(ResponseCacheDifferentialTests::twinFilter).toList();
			case Integer number -> String.valueOf(number);
			case Long number -> number.doubleValue();
			case Double number -> String.valueOf(number);
			case BigInteger number -> number.toString();
			case Boolean bool -> bool.toString();
			case String text when text.equals("true") -> true;
			case String text when text.matches("\\d+") -> Integer.valueOf(text);
			default -> raw;
		};
	}

	/** A filter as the JSON reader hands it over: maps, lists and every JSON scalar, nested $and/$or. */
	static Object filter(Random random, int depth) {
		Map<String, @Nullable Object> filter = new LinkedHashMap<>();
		int keys = 1 + random.nextInt(2);
		for (int k = 0; k < keys; k++) {
			switch (random.nextInt(depth < 2 ? 6 : 4)) {
				case 0, 1 -> filter.put(pick(random, "year", "tag", "draft", "document_id"), scalar(random));
				case 2 -> filter.put(pick(random, "year", "tag"), list(random));
				case 3 -> {
					String operator = pick(random, "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin");
					Object operand = operator.endsWith("in") ? list(random) : scalar(random);
					Map<String, @Nullable Object> operation = new LinkedHashMap<>();
					operation.put(operator, operand);
					filter.put(pick(random, "year", "tag", "draft"), operation);
				}
				default -> {
					List<Object> children = new ArrayList<>();
					int size = 1 + random.nextInt(2);
					for (int c = 0; c < size; c++) {
						children.add(filter(random, depth + 1));
					}
					filter.put(pick(random, "$and", "$or"), children);
				}
			}
		}
		return filter;
	}

	private static List<@Nullable Object> list(Random random) {
		List<@Nullable Object> values = new ArrayList<>();
		int size = 1 + random.nextInt(2);
		for (int i = 0; i < size; i++) {
			values.add(scalar(random));
		}
		return (random.nextInt(12) == 0) ? List.of("a, b") : values;
	}

	private static @Nullable Object scalar(Random random) {
		return pick(random, 2021, 2021L, 2021.0, "2021", 2021.5, "a, b", "a", "b", true, "true", 2020,
				new BigInteger("2021"), (random.nextInt(20) == 0) ? null : "a");
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static QueryRequest search(String query, Object filters) {
		return new QueryRequest(query, 4, filters, "sparse");
	}

	private static List<String> ids(SearchResponse response) {
		return response.results().stream().map(result -> result.chunk().documentId()).toList();
	}

	private RagService service(boolean caching) {
		QueryProperties query = new QueryProperties(3, 10, 60, 2000, "hybrid", "weighted", 0.5, null, null, "none", 2);
		FakeEmbedder embedder = CasedEmbedder.create();
		return RagServices.assemble(embedder, new HybridRetriever(this.store, query), new ExtractiveStandIn(), query,
				new LlmProperties("extractive", "http://localhost", null, "m", Duration.ofSeconds(5), 256, 0.1, 3, 100, Duration.ofSeconds(5), new LlmProperties.Extractive(0, 0, 1, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false)),
				new LimitsProperties(DataSize.ofMegabytes(16), 1_000_000, 256, 64, 2000, 50, 8, 100,
						DataSize.ofKilobytes(8), 200, DataSize.ofMegabytes(64), 2_000_000),
				new ResponseCache(new CacheProperties(caching, DataSize.ofMegabytes(1), Duration.ofMinutes(10), 100,
						Duration.ofMinutes(10)), new SimpleMeterRegistry()),
				new SimpleMeterRegistry(), new NoReranker(),
				new RerankProperties("none", null, null, null, 0.7, 20, Duration.ofSeconds(5)));
	}

	private void add(String namespace, String id, String text, Map<String, Object> metadata) {
		Document document = new Document(id, namespace, text, metadata, null, Instant.EPOCH, Instant.EPOCH);
		Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, text, 0, metadata, 8, null, "hash-" + id);
		this.store.upsertChunks(document, List.of(new EmbeddedChunk(chunk, CasedEmbedder.vector(text))));
	}

	/**
	 * Hashes words as written, case included, like the OpenAI embedder or a cased ONNX model: "US" and "us"
	 * are different vectors.
	 */
	private static final class CasedEmbedder {

		static final int DIMENSIONS = 32;

		static float[] vector(String text) {
			float[] vector = new float[DIMENSIONS];
			for (String word : text.split("[^\\p{L}]+")) {
				if (!word.isEmpty()) {
					// The top bits of a Fibonacci hash: String.hashCode() modulo 32 is blind to ASCII case.
					vector[(word.hashCode() * 0x9E3779B1) >>> 27] += 1;
				}
			}
			double norm = 0;
			for (float v : vector) {
				norm += v * v;
			}
			if (norm == 0) {
				vector[0] = 1;
				return vector;
			}
			for (int i = 0; i < DIMENSIONS; i++) {
				vector[i] /= (float) Math.sqrt(norm);
			}
			return vector;
		}

		static FakeEmbedder create() {
			return FakeEmbedder.of("cased-words", DIMENSIONS, CasedEmbedder::vector);
		}

	}

	/** Only /search is exercised: the LLM is never called, and "extractive" keeps expansion off. */
	private static final class ExtractiveStandIn implements LlmClient {

		@Override
		public LlmAnswer generate(LlmRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public LlmAnswer complete(String prompt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String provider() {
			return "extractive";
		}

		@Override
		public String model() {
			return "none";
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

}
