package io.ragwell.query.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseCacheTests {

	private static final long SEED = Long.getLong("ragwell.test.seed", 20261201L);

	private static ResponseCache cache(DataSize budget) {
		return new ResponseCache(new CacheProperties(true, budget, Duration.ofMinutes(10), 10, Duration.ofMinutes(10)),
				new SimpleMeterRegistry());
	}

	/** A stand-in response: records serialise like the real ones, text and numbers. */
	record Response(List<Result> results, String mode) {
	}

	record Result(String id, String content, Map<String, Object> metadata, double score) {
	}

	private static Response response(Random random, int results) {
		List<Result> list = new ArrayList<>();
		for (int i = 0; i < results; i++) {
			list.add(new Result("doc-" + random.nextInt(1000) + "#" + i, "é chunk text ".repeat(random.nextInt(200)),
					Map.of("year", random.nextInt(3000), "lang", "en"), random.nextDouble()));
		}
		return new Response(list, "hybrid");
	}

	@Test
	void responsesBeyondTheByteBudgetAreEvictedSoTheTotalWeightStaysWithinIt() {
		System.out.println("ResponseCacheTests seed=" + SEED);
		DataSize budget = DataSize.ofKilobytes(512);
		ResponseCache cache = cache(budget);
		Random random = new Random(SEED);
		for (int i = 0; i < 2000; i++) {
			ResponseCache.Key key = cache.key("ns" + random.nextInt(3), "search", "question " + i, 50, "", "hybrid");
			cache.put(key, response(random, 1 + random.nextInt(50)));
			assertThat(cache.responseBytes()).as("after put %d", i).isLessThanOrEqualTo(budget.toBytes());
		}
		assertThat(cache.responseBytes()).as("the budget is used, not left empty")
			.isGreaterThan(budget.toBytes() / 2);
	}

	@Test
	void aResponseWeighsAtLeastItsSerialisedJsonAndItsKey() {
		Random random = new Random(SEED);
		Response response = response(random, 20);
		ResponseCache.Key key = new ResponseCache.Key("default", 0, 0, "query", "q".repeat(1000), 20, "{}", "dense");
		int json = JsonMapper.builder().build().writeValueAsString(response).getBytes(StandardCharsets.UTF_8).length;
		assertThat(ResponseCache.weigh(key, response)).isGreaterThanOrEqualTo(json + 2 * 1000);
	}

	@Test
	void theRealResponseTypesAreWeighedByTheirJsonNotRefused() {
		io.ragwell.core.Chunk chunk = new io.ragwell.core.Chunk("d#0", "d", "Rivers carry sediment.", 0,
				Map.of("year", 2021L, "tags", List.of("a", "b")), 4, "a.txt", "hash");
		List<io.ragwell.core.SearchResult> results = List.of(new io.ragwell.core.SearchResult(chunk, 0.5, 1, 0.4, null));
		ResponseCache.Key key = new ResponseCache.Key("default", 0, 0, "query", "q", 5, "", "hybrid");
		int query = ResponseCache.weigh(key, new io.ragwell.query.QueryResponse("answer [1]", results, 3, 10,
				"extractive", "hybrid", false, false, List.of(), false, Double.NaN));
		int search = ResponseCache.weigh(key, new io.ragwell.query.SearchResponse(results, 3, "hybrid", false));
		assertThat(query).isBetween(ResponseCache.ENTRY_OVERHEAD + 100, 4096);
		assertThat(search).isBetween(ResponseCache.ENTRY_OVERHEAD + 100, 4096);
	}

	@Test
	void aResponseLargerThanTheWholeBudgetIsNotKept() {
		ResponseCache cache = cache(DataSize.ofKilobytes(4));
		ResponseCache.Key key = cache.key("default", "search", "q", 50, "", "hybrid");
		cache.put(key, new Response(List.of(new Result("d#0", "x".repeat(10_000), Map.of(), 1.0)), "dense"));
		assertThat(cache.responseBytes()).isZero();
		assertThat((Object) cache.get(key)).isNull();
	}

	@Test
	void theQueryInTheKeyIsExactlyTheQueryAsked() {
		ResponseCache cache = cache(DataSize.ofMegabytes(1));
		assertThat(cache.key("default", "search", "US survey", 5, "", "dense"))
			.isNotEqualTo(cache.key("default", "search", "us survey", 5, "", "dense"));
		assertThat(cache.key("default", "search", "a  b", 5, "", "dense"))
			.isNotEqualTo(cache.key("default", "search", "a b", 5, "", "dense"));
	}

	/** Shared generations another replica advances; {@code readable} false stands for a store that is down. */
	private static final class FakeSharedGenerations implements io.ragwell.core.SharedGenerations {

		final Map<String, Long> generations = new java.util.HashMap<>();

		boolean readable = true;

		int advances;

		@Override
		public java.util.OptionalLong current(String namespace) {
			return this.readable ? java.util.OptionalLong.of(this.generations.getOrDefault(namespace, 0L))
					: java.util.OptionalLong.empty();
		}

		@Override
		public void advance(String namespace) {
			this.advances++;
			this.generations.merge(namespace, 1L, Long::sum);
		}

		@Override
		public Duration staleness() {
			return Duration.ofMillis(500);
		}

	}

	@Test
	void anotherReplicasWriteMakesCachedResponsesUnreachableAndAnUnreadableGenerationBypassesTheCache() {
		FakeSharedGenerations shared = new FakeSharedGenerations();
		ResponseCache cache = new ResponseCache(
				new CacheProperties(true, DataSize.ofMegabytes(1), Duration.ofMinutes(10), 10, Duration.ofMinutes(10)),
				new SimpleMeterRegistry(), shared);
		cache.put(cache.key("ns", "search", "q", 5, "", "hybrid"), "old answer");
		assertThat((String) cache.get(cache.key("ns", "search", "q", 5, "", "hybrid"))).isEqualTo("old answer");
		// Another replica wrote: only the shared generation moved, this replica's own did not.
		shared.generations.put("ns", 7L);
		assertThat((Object) cache.get(cache.key("ns", "search", "q", 5, "", "hybrid"))).isNull();
		cache.put(cache.key("ns", "search", "q", 5, "", "hybrid"), "new answer");
		assertThat((String) cache.get(cache.key("ns", "search", "q", 5, "", "hybrid"))).isEqualTo("new answer");
		// While the generation cannot be read, nothing is served from the cache nor stored in it.
		shared.readable = false;
		ResponseCache.Key unknown = cache.key("ns", "search", "q", 5, "", "hybrid");
		assertThat((Object) cache.get(unknown)).isNull();
		cache.put(unknown, "unverifiable");
		shared.readable = true;
		assertThat((String) cache.get(cache.key("ns", "search", "q", 5, "", "hybrid"))).isEqualTo("new answer");
		// This replica's own writes advance the shared generation for the others.
		cache.invalidate("ns");
		assertThat(shared.advances).isEqualTo(1);
		assertThat((Object) cache.get(cache.key("ns", "search", "q", 5, "", "hybrid"))).isNull();
	}

}
