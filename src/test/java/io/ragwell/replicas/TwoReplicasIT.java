package io.ragwell.replicas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.RagwellApplication;
import io.ragwell.core.Document;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.support.OpenSearchServer;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Ragwell replicas on one real OpenSearch ({@code .ci/opensearch}): two Spring application contexts in this
 * JVM, each with its own beans, caches, document locks, HTTP port and data directory, so they share nothing but
 * the OpenSearch index, exactly as two processes would (in-process state is per context: no static caches).
 */
class TwoReplicasIT {

	private static final String INDEX = OpenSearchServer.uniqueIndex("ragwell-replicas");

	@TempDir
	static Path dir;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startReplicas() {
		String url = OpenSearchServer.url();
		first = start(url, "a");
		second = start(url, "b");
	}

	private static ConfigurableApplicationContext start(String url, String name) {
		return new SpringApplicationBuilder(RagwellApplication.class)
			.properties("server.port=0", "ragwell.store.type=opensearch", "ragwell.store.opensearch.url=" + url,
					"ragwell.store.opensearch.index=" + INDEX,
					"ragwell.store.lucene.path=" + dir.resolve(name).resolve("index"),
					"ragwell.feedback.path=" + dir.resolve(name).resolve("feedback.jsonl"),
					"ragwell.query-log.path=" + dir.resolve(name).resolve("query-log"),
					// Small chunks, so that documents of a few sentences differ in chunk count.
					"ragwell.chunking.max-tokens=40", "ragwell.chunking.overlap-tokens=0")
			.run();
	}

	@AfterAll
	static void stopReplicas() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
		if (System.getenv(OpenSearchServer.URL_VARIABLE) != null) {
			OpenSearchServer.deleteIndex(INDEX);
		}
	}

	private static RagwellHttp http(ConfigurableApplicationContext context) {
		return new RagwellHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private static double responseCache(ConfigurableApplicationContext context, String result) {
		return context.getBean(MeterRegistry.class)
			.counter(RagMetrics.CACHE, "cache", "response", "result", result)
			.count();
	}

	private static List<String> documentIds(RagwellHttp.Response search) {
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		search.json().path("results").forEach(result -> ids.add(result.path("chunk").path("document_id").asString()));
		return ids;
	}

	@Test
	void aWriteThroughOneReplicaReachesTheOtherReplicasCachedAnswersWithinTheStalenessBound() throws Exception {
		RagwellHttp a = http(first);
		RagwellHttp b = http(second);
		Duration bound = Duration.ofMillis(500); // ragwell.store.opensearch.generation-ttl's default
		Map<String, Object> search = Map.of("query", "how do octopuses change colour", "mode", "sparse", "top_k", 5,
				"filters", Map.of("topic", "cephalopods"));
		assertThat(a.post("/documents", Map.of("id", "squid", "metadata", Map.of("topic", "cephalopods"), "content",
				"Squid change colour with chromatophores, small sacs of pigment in their skin.")).status())
			.isEqualTo(200);
		assertThat(documentIds(a.post("/search", search))).containsExactly("squid");
		double hits = responseCache(first, "hit");
		// Replica A answers this search from its cache now: one more hit, no store call.
		assertThat(documentIds(a.post("/search", search))).containsExactly("squid");
		assertThat(responseCache(first, "hit")).isEqualTo(hits + 1);

		RagwellHttp.Response written = b.post("/documents", Map.of("id", "octopus", "metadata",
				Map.of("topic", "cephalopods"), "content",
				"Octopuses change colour in a fraction of a second: how octopuses change colour is muscle control"
						+ " of chromatophores."));
		assertThat(written.status()).as(written.body()).isEqualTo(200);
		long acknowledged = System.nanoTime();
		Thread.sleep(bound.toMillis() + 50);
		// A's next answer, more than the bound after B acknowledged, is computed afresh and has the new document.
		double misses = responseCache(first, "miss");
		assertThat(documentIds(a.post("/search", search))).contains("octopus", "squid");
		assertThat(responseCache(first, "miss")).isEqualTo(misses + 1);
		assertThat(Duration.ofNanos(System.nanoTime() - acknowledged)).isGreaterThan(bound);

		// And a delete through B leaves A's cache the same way.
		assertThat(documentIds(a.post("/search", search))).contains("octopus");
		assertThat(b.delete("/documents/octopus").status()).isEqualTo(204);
		Thread.sleep(bound.toMillis() + 50);
		assertThat(documentIds(a.post("/search", search))).containsExactly("squid");
	}

	@Test
	void aRetryThatReachesTheOtherReplicaIsAnsweredFromTheRecordInOpenSearch() {
		RagwellHttp a = http(first);
		RagwellHttp b = http(second);
		String body = "{\"content\":\"Lichens are a partnership of a fungus and a photosynthetic partner.\"}";
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "lost-response-1");
		RagwellHttp.Response original = a.send("POST", "/documents", body, headers);
		assertThat(original.status()).as(original.body()).isEqualTo(200);
		// The client never saw that response and retries through the load balancer, which picks replica B.
		RagwellHttp.Response retry = b.send("POST", "/documents", body, headers);
		assertThat(retry.status()).as(retry.body()).isEqualTo(200);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json()).isEqualTo(original.json());
		String id = original.json().path("documents").get(0).path("id").asString();
		// One document, found through either replica: the retry wrote nothing.
		assertThat(documentIds(b.post("/search", Map.of("query", "lichens fungus partnership", "mode", "sparse"))))
			.containsOnlyOnce(id)
			.first()
			.isEqualTo(id);
		// The same key with another body, on either replica, is refused.
		RagwellHttp.Response reused = b.send("POST", "/documents", "{\"content\":\"Something else.\"}", headers);
		assertThat(reused.status()).isEqualTo(422);
	}

	/** No search through either replica returns one of these chunks (it would show their text). */
	private static void assertUnsearchable(String id, List<JsonNode> chunks, List<RagwellHttp> replicas,
			String currentVersion) {
		for (JsonNode chunk : chunks) {
			for (RagwellHttp replica : replicas) {
				RagwellHttp.Response search = replica.post("/search",
						Map.of("query", chunk.path("text").asString(), "mode", "sparse", "top_k", 50));
				assertThat(search.status()).as(search.body()).isEqualTo(200);
				search.json().path("results").forEach(result -> {
					if (result.path("chunk").path("document_id").asString().equals(id)) {
						assertThat(currentVersion).as("a chunk of a failed write of %s is searchable", id).isNotEmpty();
					}
				});
			}
		}
	}

	/** Sentences from which each write draws its content: the count sets the chunk count. */
	private static final List<String> SENTENCES = List.of(
			"Tardigrades survive desiccation by replacing the water in their cells with a glassy sugar.",
			"They can endure the vacuum of space and radiation doses that would kill a human many times over.",
			"Moss piglets, as they are also called, live in the thin film of water on mosses and lichens.",
			"When conditions improve they rehydrate and resume feeding within a few hours of the rain.",
			"Their genome contains genes borrowed from bacteria, though how many is still debated today.",
			"A damage suppressor protein binds their chromosomes and shields the DNA from hydroxyl radicals.",
			"Eggs laid in a shed cuticle hatch after about two weeks at room temperature in the laboratory.",
			"Some species reproduce without males, and others need a partner to lay fertile eggs at all.");

	@Test
	void concurrentReingestsAndDeletesOfTheSameDocumentsFromBothReplicasLeaveExactlyOneVersionOfEach()
			throws Exception {
		List<RagwellHttp> replicas = List.of(http(first), http(second));
		List<String> ids = List.of("hammer-0", "hammer-1", "hammer-2", "hammer-3");
		int threadsPerReplica = 3;
		int operationsPerThread = 12;
		AtomicInteger writes = new AtomicInteger();
		AtomicInteger deletes = new AtomicInteger();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		// Ids with a write answered 503 (overload: OpenSearch or the embedder past its time limit): that write may
		// have left chunks it could not discard, swept 10-13 minutes later, never searchable.
		Set<String> retryable = java.util.concurrent.ConcurrentHashMap.newKeySet();
		try (ExecutorService pool = Executors.newFixedThreadPool(threadsPerReplica * replicas.size())) {
			List<Future<?>> done = new ArrayList<>();
			for (int r = 0; r < replicas.size(); r++) {
				for (int t = 0; t < threadsPerReplica; t++) {
					RagwellHttp http = replicas.get(r);
					Random random = new Random(31L * r + t);
					done.add(pool.submit(() -> {
						for (int i = 0; i < operationsPerThread; i++) {
							String id = ids.get(random.nextInt(ids.size()));
							RagwellHttp.Response response;
							if (random.nextInt(4) == 0) {
								response = http.delete("/documents/" + id);
								deletes.incrementAndGet();
								if (isRetryable(response)) {
									retryable.add(id);
								}
								else if (response.status() != 204 && response.status() != 404) {
									failures.add("DELETE " + id + ": " + response.status() + " " + response.body());
								}
							}
							else {
								// 1 to 8 sentences, rotated so the content differs as well as the count.
								int count = 1 + random.nextInt(SENTENCES.size());
								int offset = random.nextInt(SENTENCES.size());
								StringBuilder content = new StringBuilder();
								for (int s = 0; s < count; s++) {
									content.append(SENTENCES.get((offset + s) % SENTENCES.size())).append(' ');
								}
								response = http.post("/documents", Map.of("id", id, "content", content.toString()));
								writes.incrementAndGet();
								if (isRetryable(response)) {
									retryable.add(id);
								}
								else if (response.status() != 200) {
									failures.add("POST " + id + ": " + response.status() + " " + response.body());
								}
							}
						}
					}));
				}
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		assertThat(failures).isEmpty();
		assertThat(writes.get()).isGreaterThan(30);
		assertThat(deletes.get()).isPositive();

		if (!retryable.isEmpty()) {
			System.out.printf("TwoReplicasIT: writes answered 503 (overloaded machine) for %s%n", retryable);
		}
		for (String id : ids) {
			assertExactlyOneVersion(id, replicas, retryable.contains(id));
		}
	}

	/** The overload answer: 503 with Retry-After, which a client retries. */
	private static boolean isRetryable(RagwellHttp.Response response) {
		return response.status() == 503 && response.header("Retry-After") != null;
	}

	/**
	 * Reads the document's record and every chunk straight from OpenSearch: with a record, its chunks are
	 * exactly positions 0..n-1 of its version and nothing else; without one (or with a tombstone), no chunk at
	 * all. The index is refreshed first: a record committed in the last second is not yet visible to
	 * {@code _search} (only chunks are written with {@code refresh=wait_for}; the service reads records in real
	 * time by id), which once made a just re-created document look like chunks without a record. Only when a write
	 * of the id was answered 503 may chunks of another version remain (that write's, if it could not discard them);
	 * they must not be searchable.
	 */
	private static void assertExactlyOneVersion(String id, List<RagwellHttp> replicas, boolean hadRetryableFailure) {
		String namespaceIndex = "/" + INDEX + "-ns-" + Document.DEFAULT_NAMESPACE;
		OpenSearchServer.Response refreshed = OpenSearchServer.send("POST", namespaceIndex + "/_refresh", "{}");
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		OpenSearchServer.Response response = OpenSearchServer.send("POST", namespaceIndex + "/_search",
				"{\"size\":1000,\"query\":{\"term\":{\"document_id\":\"" + id + "\"}},\"_source\":{\"excludes\":[\"vector\"]}}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode hits = RagwellHttp.JSON.readTree(response.body()).path("hits").path("hits");
		JsonNode record = null;
		List<JsonNode> chunks = new ArrayList<>();
		int records = 0;
		for (JsonNode hit : hits) {
			String kind = hit.path("_source").path("kind").asString();
			if ("chunk".equals(kind)) {
				chunks.add(hit.path("_source"));
			}
			else {
				records++;
				if ("document".equals(kind)) {
					record = hit.path("_source");
				}
			}
		}
		assertThat(records).as("records (document or tombstone) of %s", id).isLessThanOrEqualTo(1);
		String version = (record != null) ? record.path("version").asString() : "";
		List<JsonNode> failedWrites = chunks.stream().filter(chunk -> !chunk.path("version").asString().equals(version)).toList();
		if (!failedWrites.isEmpty() && hadRetryableFailure) {
			System.out.printf("TwoReplicasIT: %s keeps %d chunk(s) of a write answered 503%n", id, failedWrites.size());
			assertUnsearchable(id, failedWrites, replicas, version);
			chunks = new ArrayList<>(chunks);
			chunks.removeAll(failedWrites);
		}
		if (record == null) {
			for (RagwellHttp replica : replicas) {
				assertThat(replica.get("/documents/" + id).status()).isEqualTo(404);
			}
			// Deleted last: no chunk of any version is left, not even an unsearchable one.
			assertThat(chunks).as("chunks left by deleted document %s (versions %s)", id,
					chunks.stream().map(chunk -> chunk.path("version").asString()).distinct().toList()).isEmpty();
			return;
		}
		int count = record.path("stored").path("chunk_count").asInt();
		Set<String> versions = new HashSet<>();
		Set<Integer> positions = new TreeSet<>();
		Map<Integer, String> texts = new HashMap<>();
		for (JsonNode chunk : chunks) {
			versions.add(chunk.path("version").asString());
			positions.add(chunk.path("position").asInt());
			texts.put(chunk.path("position").asInt(), chunk.path("text").asString());
		}
		assertThat(versions).as("versions of the chunks of %s", id).containsExactly(version);
		assertThat(chunks).as("chunks of %s", id).hasSize(count);
		assertThat(positions).hasSize(count).first().isEqualTo(0);
		// The chunks are the record's content, not a mixture of writes.
		String content = record.path("stored").path("content").asString();
		texts.values().forEach(text -> assertThat(content).contains(text.strip()));
		for (RagwellHttp replica : replicas) {
			RagwellHttp.Response document = replica.get("/documents/" + id);
			assertThat(document.status()).isEqualTo(200);
			assertThat(document.json().path("chunks").asInt()).isEqualTo(count);
		}
	}

}
