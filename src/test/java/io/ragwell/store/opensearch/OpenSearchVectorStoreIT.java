package io.ragwell.store.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore.Upsert;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.support.OpenSearchServer;
import io.ragwell.support.RagwellHttp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The OpenSearch store against a real OpenSearch 3.5 with the k-NN plugin ({@code .ci/opensearch}), on a
 * small seeded corpus of 8-dimensional unit vectors whose expected results are computed by brute force.
 */
class OpenSearchVectorStoreIT {

	private static final int DIMENSIONS = 8;

	private static final String NS = "tenant-a";

	private static final String[] LANGS = { "en", "de", "fr" };

	private static final String[] WORDS = { "river", "glacier", "forest", "desert", "ocean", "volcano", "meadow",
			"canyon" };

	private String index;

	private OpenSearchVectorStore store;

	/** Every chunk of the seeded corpus, with its vector and metadata, for brute-force expectations. */
	private final List<EmbeddedChunk> corpus = new ArrayList<>();

	@BeforeEach
	void createStore() {
		this.index = OpenSearchServer.uniqueIndex("ragwell-it");
		this.store = newStore(OpenSearchServer.url(), this.index, DIMENSIONS);
	}

	@AfterEach
	void deleteIndex() {
		if (this.store != null) {
			this.store.close();
			OpenSearchServer.deleteIndex(this.index);
		}
	}

	private static OpenSearchVectorStore newStore(String url, String index, int dimensions) {
		return new OpenSearchVectorStore(new OpenSearchProperties(url, index, null, null, Duration.ofSeconds(30), Duration.ofMillis(500)),
				dimensions, ReciprocalRankFusion.DEFAULT_K);
	}

	// ------------------------------------------------------------------------------------------- corpus

	/** 12 documents of 1-3 chunks; "lang" is missing on every fifth, so negations must match absent fields. */
	private void seed() {
		Random random = new Random(42);
		List<Upsert> upserts = new ArrayList<>();
		for (int d = 0; d < 12; d++) {
			Map<String, Object> metadata = new LinkedHashMap<>();
			if (d % 5 != 4) {
				metadata.put("lang", LANGS[d % 3]);
			}
			metadata.put("year", 2018L + (d % 6));
			metadata.put("score", d / 4.0);
			metadata.put("reviewed", d % 2 == 0);
			metadata.put("tags", List.of("t" + (d % 4), "all"));
			metadata.put("owner.name", "o" + (d % 2));
			Document document = document(NS, "doc-" + d, metadata, "file-" + d + ".txt");
			int chunkCount = 1 + (d % 3);
			List<EmbeddedChunk> chunks = new ArrayList<>();
			for (int p = 0; p < chunkCount; p++) {
				String text = "Notes on the " + WORDS[(d + p) % WORDS.length] + " and the " + WORDS[(d * 3 + p) % WORDS.length]
						+ " near site " + d + "-" + p + ".";
				chunks.add(chunk(document, p, text, randomUnit(random)));
			}
			this.corpus.addAll(chunks);
			upserts.add(new Upsert(document, chunks));
		}
		this.store.upsertAll(upserts);
	}

	private static Document document(String namespace, String id, Map<String, Object> metadata, @Nullable String source) {
		Instant now = Instant.parse("2026-01-02T03:04:05Z");
		return new Document(id, namespace, "Full text of " + id, metadata, source, now, now);
	}

	private static EmbeddedChunk chunk(Document document, int position, String text, float[] vector) {
		return new EmbeddedChunk(new Chunk(Chunk.idFor(document.id(), position), document.id(), text, position,
				document.metadata(), text.split(" ").length, document.source(), "hash-" + text.hashCode()), vector);
	}

	private static float[] randomUnit(Random random) {
		float[] vector = new float[DIMENSIONS];
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private List<SearchResult> dense(String namespace, float[] vector, int topK, @Nullable MetadataFilter filter) {
		return this.store.search(new SearchRequest(namespace, vector, null, topK, filter, SearchMode.DENSE, topK));
	}

	private static Set<String> chunkIds(List<SearchResult> results) {
		Set<String> ids = new TreeSet<>();
		results.forEach(result -> ids.add(result.chunk().id()));
		return ids;
	}

	private Set<String> expected(Predicate<Map<String, Object>> predicate) {
		Set<String> ids = new TreeSet<>();
		this.corpus.stream().filter(c -> predicate.test(c.chunk().metadata())).forEach(c -> ids.add(c.chunk().id()));
		return ids;
	}

	// -------------------------------------------------------------------------------------------- writes

	@Test
	void upsertedDocumentIsFoundWithItsChunksAndVectors() {
		seed();
		EmbeddedChunk original = this.corpus.stream().filter(c -> c.chunk().documentId().equals("doc-2")).findFirst().orElseThrow();

		StoredDocument stored = this.store.findDocument(NS, "doc-2").orElseThrow();

		assertThat(stored.document().content()).isEqualTo("Full text of doc-2");
		assertThat(stored.document().source()).isEqualTo("file-2.txt");
		assertThat(stored.document().metadata()).containsEntry("year", 2020L)
			.containsEntry("score", 0.5)
			.containsEntry("reviewed", true)
			.containsEntry("tags", List.of("t2", "all"));
		assertThat(stored.document().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
		assertThat(stored.chunks()).hasSize(3);
		assertThat(stored.chunks()).extracting(c -> c.chunk().position()).containsExactly(0, 1, 2);
		EmbeddedChunk first = stored.chunks().getFirst();
		assertThat(first.chunk()).isEqualTo(original.chunk());
		assertThat(first.vector()).containsExactly(original.vector());
		assertThat(this.store.chunkCount()).isEqualTo(this.corpus.size());
		assertThat(this.store.findDocument(NS, "doc-missing")).isEmpty();
		assertThat(this.store.findDocument("other-tenant", "doc-2")).isEmpty();
	}

	@Test
	void reingestWithFewerChunksLeavesNoOldChunkBehind() {
		Random random = new Random(7);
		Document document = document(NS, "doc-r", Map.of("v", 1L), null);
		this.store.upsertChunks(document, List.of(chunk(document, 0, "old glacier text", randomUnit(random)),
				chunk(document, 1, "old glacier tail", randomUnit(random)),
				chunk(document, 2, "old glacier end", randomUnit(random))));
		assertThat(this.store.chunkCount()).isEqualTo(3);

		Document edited = document(NS, "doc-r", Map.of("v", 2L), null);
		float[] vector = randomUnit(random);
		this.store.upsertChunks(edited, List.of(chunk(edited, 0, "new meadow text", vector)));

		assertThat(this.store.chunkCount()).isEqualTo(1);
		StoredDocument stored = this.store.findDocument(NS, "doc-r").orElseThrow();
		assertThat(stored.document().metadata()).containsEntry("v", 2L);
		assertThat(stored.chunks()).singleElement().satisfies(c -> assertThat(c.chunk().content()).isEqualTo("new meadow text"));
		List<SearchResult> glacier = this.store.search(new SearchRequest(NS, null, "glacier", 10, null, SearchMode.SPARSE, 10));
		assertThat(glacier).isEmpty();
		assertThat(dense(NS, vector, 10, null)).extracting(r -> r.chunk().content()).containsExactly("new meadow text");
	}

	@Test
	void deleteRemovesTheDocumentAndItsChunksAndReportsWhetherItExisted() {
		seed();
		long before = this.store.chunkCount();

		assertThat(this.store.delete(NS, "doc-2")).isTrue();

		assertThat(this.store.chunkCount()).isEqualTo(before - 3);
		assertThat(this.store.findDocument(NS, "doc-2")).isEmpty();
		assertThat(dense(NS, this.corpus.getFirst().vector(), 100, null))
			.noneMatch(r -> r.chunk().documentId().equals("doc-2"));
		assertThat(this.store.delete(NS, "doc-2")).isFalse();
		assertThat(this.store.delete("other-tenant", "doc-3")).isFalse();
	}

	@Test
	void aDeleteLeavesATombstoneThatAReingestReplacesAndTheSweepRemovesWithWhatWasLeftBehind() {
		Random random = new Random(11);
		Document document = document(NS, "doc-t", Map.of(), null);
		this.store.upsertChunks(document, List.of(chunk(document, 0, "tundra lichen", randomUnit(random)),
				chunk(document, 1, "tundra moss", randomUnit(random))));
		assertThat(this.store.delete(NS, "doc-t")).isTrue();
		String namespaceIndex = "/" + OpenSearchFields.namespaceIndex(this.index, NS);
		String recordId = OpenSearchFields.documentRecordId(OpenSearchFields.key(NS, "doc-t"));
		OpenSearchServer.Response tombstone = OpenSearchServer.send("GET", namespaceIndex + "/_doc/" + recordId, null);
		assertThat(tombstone.body()).contains("\"kind\":\"tombstone\"");
		assertThat(this.store.findDocument(NS, "doc-t")).isEmpty();
		assertThat(this.store.chunkCount()).isZero();
		assertThat(this.store.delete(NS, "doc-t")).isFalse();

		// A writer that gave up before the delete, whose chunk bulk still landed afterwards: an orphan 11 minutes old.
		long now = System.currentTimeMillis();
		float[] vector = randomUnit(random);
		OpenSearchServer.Response orphan = OpenSearchServer.send("PUT",
				namespaceIndex + "/_doc/orphan-0?refresh=true", RagwellHttp.JSON.writeValueAsString(Map.of("kind", "chunk", "key",
						OpenSearchFields.key(NS, "doc-t"), "namespace", NS, "document_id", "doc-t", "chunk_id", "doc-t#0",
						"position", 0, "text", "tundra orphan", "version", "dead", "written_at",
						now - OpenSearchVectorStore.ORPHAN_AGE.toMillis() - 60_000, "vector", vector)));
		assertThat(orphan.status()).as(orphan.body()).isIn(200, 201);
		assertThat(this.store.search(new SearchRequest(NS, null, "tundra", 10, null, SearchMode.SPARSE, 10))).isEmpty();

		// Not yet expired: nothing swept.
		assertThat(this.store.sweepTombstones(now)).isZero();
		assertThat(this.store.chunkCount()).isEqualTo(1);
		// Past the retention: the orphan and the tombstone go.
		long later = now + OpenSearchVectorStore.TOMBSTONE_RETENTION.toMillis() + 1000;
		assertThat(this.store.sweepTombstones(later)).isEqualTo(1);
		assertThat(this.store.chunkCount()).isZero();
		assertThat(OpenSearchServer.send("GET", namespaceIndex + "/_doc/" + recordId, null).status()).isEqualTo(404);

		// A re-ingest over a tombstone creates the document again, and a later sweep leaves it alone.
		assertThat(this.store.delete(NS, "doc-t")).isFalse();
		this.store.upsertChunks(document, List.of(chunk(document, 0, "tundra again", vector)));
		assertThat(this.store.delete(NS, "doc-t")).isTrue();
		this.store.upsertChunks(document, List.of(chunk(document, 0, "tundra once more", vector)));
		assertThat(this.store.findDocument(NS, "doc-t")).get()
			.satisfies(stored -> assertThat(stored.chunks()).singleElement()
				.satisfies(c -> assertThat(c.chunk().content()).isEqualTo("tundra once more")));
		assertThat(this.store.sweepTombstones(later)).isZero();
		assertThat(this.store.search(new SearchRequest(NS, null, "tundra", 10, null, SearchMode.SPARSE, 10)))
			.extracting(r -> r.chunk().content())
			.containsExactly("tundra once more");
	}

	@Test
	void theSweepDeletesChunksNoRecordNamesOnceTheyAreOlderThanAnyWriteCouldCommit() {
		Random random = new Random(12);
		Document live = document(NS, "doc-live", Map.of(), null);
		this.store.upsertChunks(live, List.of(chunk(live, 0, "steppe grass", randomUnit(random))));
		String namespaceIndex = "/" + OpenSearchFields.namespaceIndex(this.index, NS);
		long now = System.currentTimeMillis();
		long old = now - OpenSearchVectorStore.ORPHAN_AGE.toMillis() - 60_000;
		// A replica killed between its chunk write and its commit: of the live document, and of one never committed.
		putChunk(namespaceIndex, "dead-1", "doc-live", "dead", old, randomUnit(random));
		putChunk(namespaceIndex, "dead-2", "doc-never", "dead", old, randomUnit(random));
		// A write still in flight (young): left alone.
		putChunk(namespaceIndex, "young", "doc-live", "inflight", now, randomUnit(random));
		assertThat(this.store.chunkCount()).isEqualTo(4);

		long to = now - OpenSearchVectorStore.ORPHAN_AGE.toMillis() - 1;
		assertThat(this.store.sweepUncommitted(to - 5 * 60_000, to)).isEqualTo(2);

		assertThat(this.store.chunkCount()).isEqualTo(2);
		assertThat(this.store.findDocument(NS, "doc-live")).get()
			.satisfies(stored -> assertThat(stored.chunks()).singleElement()
				.satisfies(c -> assertThat(c.chunk().content()).isEqualTo("steppe grass")));
		assertThat(OpenSearchServer.send("GET", namespaceIndex + "/_doc/young", null).status()).isEqualTo(200);
		// Nothing left in the window: a second sweep deletes nothing.
		assertThat(this.store.sweepUncommitted(to - 5 * 60_000, to)).isZero();
	}

	private static void putChunk(String namespaceIndex, String id, String documentId, String version, long writtenAt,
			float[] vector) {
		OpenSearchServer.Response put = OpenSearchServer.send("PUT", namespaceIndex + "/_doc/" + id + "?refresh=true",
				RagwellHttp.JSON.writeValueAsString(Map.of("kind", "chunk", "key", OpenSearchFields.key(NS, documentId),
						"namespace", NS, "document_id", documentId, "chunk_id", documentId + "#0", "position", 0, "text",
						"steppe " + id, "version", version, "written_at", writtenAt, "vector", vector)));
		assertThat(put.status()).as(put.body()).isIn(200, 201);
	}

	// -------------------------------------------------------------------------------------------- search

	@Test
	void denseSearchRanksByCosineLikeBruteForce() {
		seed();
		float[] query = randomUnit(new Random(99));
		List<EmbeddedChunk> bruteForce = this.corpus.stream()
			.sorted(Comparator.comparingDouble((EmbeddedChunk c) -> -dot(c.vector(), query)))
			.limit(5)
			.toList();

		List<SearchResult> results = dense(NS, query, 5, null);

		assertThat(results).extracting(r -> r.chunk().id()).containsExactlyElementsOf(bruteForce.stream().map(c -> c.chunk().id()).toList());
		for (int i = 0; i < results.size(); i++) {
			assertThat(results.get(i).rank()).isEqualTo(i + 1);
			assertThat(results.get(i).denseScore()).isCloseTo(dot(bruteForce.get(i).vector(), query), within(1e-4));
			assertThat(results.get(i).sparseScore()).isNull();
		}
	}

	@Test
	void sparseSearchReturnsExactlyTheChunksContainingTheStemmedTerm() {
		seed();

		List<SearchResult> results = this.store.search(new SearchRequest(NS, null, "Rivers?", 100, null, SearchMode.SPARSE, 100));

		Set<String> expected = new TreeSet<>();
		this.corpus.stream().filter(c -> c.chunk().content().contains("river")).forEach(c -> expected.add(c.chunk().id()));
		assertThat(expected).isNotEmpty();
		assertThat(chunkIds(results)).isEqualTo(expected);
		assertThat(results).allSatisfy(r -> {
			assertThat(r.sparseScore()).isPositive();
			assertThat(r.denseScore()).isNull();
		});
		assertThat(results).isSortedAccordingTo(Comparator.comparingDouble((SearchResult r) -> -r.score()));
	}

	@Test
	void hybridSearchFusesTheDenseAndSparseListsByReciprocalRank() {
		seed();
		float[] query = this.corpus.get(5).vector();
		List<SearchResult> dense = this.store.search(new SearchRequest(NS, query, null, 20, null, SearchMode.DENSE, 20));
		List<SearchResult> sparse = this.store.search(new SearchRequest(NS, null, "ocean forest", 20, null, SearchMode.SPARSE, 20));

		List<SearchResult> hybrid = this.store.search(new SearchRequest(NS, query, "ocean forest", 5, null, SearchMode.HYBRID, 20));

		List<SearchResult> expected = ReciprocalRankFusion.fuse(dense, sparse, ReciprocalRankFusion.DEFAULT_K, 5);
		assertThat(hybrid).extracting(r -> r.chunk().id()).containsExactlyElementsOf(expected.stream().map(r -> r.chunk().id()).toList());
		assertThat(hybrid).anySatisfy(r -> {
			assertThat(r.denseScore()).isNotNull();
			assertThat(r.sparseScore()).isNotNull();
		});
	}

	@Test
	void everyFilterOperatorSelectsWhatBruteForceSelects() {
		seed();
		float[] query = randomUnit(new Random(5));
		Map<MetadataFilter, Predicate<Map<String, Object>>> cases = new LinkedHashMap<>();
		cases.put(new Comparison("lang", Op.EQ, "de"), m -> "de".equals(m.get("lang")));
		cases.put(new Comparison("year", Op.EQ, 2020L), m -> m.get("year").equals(2020L));
		cases.put(new Comparison("year", Op.EQ, 2020.0), m -> m.get("year").equals(2020L));
		cases.put(new Comparison("score", Op.EQ, 1L), m -> ((Number) m.get("score")).doubleValue() == 1.0);
		cases.put(new Comparison("year", Op.EQ, "2020"), m -> false);
		cases.put(new Comparison("reviewed", Op.EQ, true), m -> m.get("reviewed").equals(true));
		cases.put(new Comparison("tags", Op.EQ, "t1"), m -> ((List<?>) m.get("tags")).contains("t1"));
		cases.put(new Comparison("owner.name", Op.EQ, "o1"), m -> "o1".equals(m.get("owner.name")));
		cases.put(new Comparison("lang", Op.NE, "en"), m -> !"en".equals(m.get("lang")));
		cases.put(new Comparison("year", Op.GT, 2021L), m -> (long) m.get("year") > 2021);
		cases.put(new Comparison("year", Op.GTE, 2021L), m -> (long) m.get("year") >= 2021);
		cases.put(new Comparison("score", Op.LT, 1.5), m -> ((Number) m.get("score")).doubleValue() < 1.5);
		cases.put(new Comparison("score", Op.LTE, 1.5), m -> ((Number) m.get("score")).doubleValue() <= 1.5);
		cases.put(new Comparison("lang", Op.GT, "en"), m -> m.get("lang") != null && ((String) m.get("lang")).compareTo("en") > 0);
		cases.put(new Comparison("lang", Op.LTE, "en"), m -> m.get("lang") != null && ((String) m.get("lang")).compareTo("en") <= 0);
		cases.put(new In("lang", List.of("de", "fr"), false), m -> isOneOf(m.get("lang"), "de", "fr"));
		cases.put(new In("year", List.of(2018L, 2019.0, "2020"), false), m -> List.of(2018L, 2019L).contains(m.get("year")));
		cases.put(new In("lang", List.of("de", "fr"), true), m -> !isOneOf(m.get("lang"), "de", "fr"));
		cases.put(new In("tags", List.of("t0", "t3"), true),
				m -> ((List<?>) m.get("tags")).stream().noneMatch(List.of("t0", "t3")::contains));
		cases.put(new Comparison("document_id", Op.EQ, "doc-3"), m -> false);
		cases.put(new In("source", List.of("file-1.txt", "file-7.txt"), false), m -> false);
		cases.put(new And(List.of(new Comparison("lang", Op.EQ, "en"), new Comparison("reviewed", Op.EQ, true))),
				m -> "en".equals(m.get("lang")) && m.get("reviewed").equals(true));
		cases.put(new Or(List.of(new And(List.of(new Comparison("lang", Op.EQ, "fr"), new Comparison("year", Op.GTE, 2021L))),
				new Comparison("year", Op.EQ, 2018L))),
				m -> ("fr".equals(m.get("lang")) && (long) m.get("year") >= 2021) || m.get("year").equals(2018L));
		cases.forEach((filter, predicate) -> {
			Set<String> expected = (filter instanceof Comparison(String field, Op op, Object value) && field.equals("document_id"))
					? expectedByDocument(id -> id.equals(value))
					: (filter instanceof In(String field, List<Object> values, boolean negated) && field.equals("source"))
							? expectedByDocument(id -> values.contains("file-" + id.substring(4) + ".txt"))
							: expected(predicate);
			assertThat(chunkIds(dense(NS, query, 100, filter))).as(filter.toString()).isEqualTo(expected);
		});
	}

	private static boolean isOneOf(@Nullable Object value, String... candidates) {
		return value != null && List.of(candidates).contains(value);
	}

	private Set<String> expectedByDocument(Predicate<String> documentId) {
		Set<String> ids = new TreeSet<>();
		this.corpus.stream().filter(c -> documentId.test(c.chunk().documentId())).forEach(c -> ids.add(c.chunk().id()));
		return ids;
	}

	@Test
	void namespacesNeverSeeEachOthersChunks() {
		Random random = new Random(3);
		float[] vector = randomUnit(random);
		Document a = document("tenant-a", "same-id", Map.of("lang", "en"), null);
		Document b = document("tenant-b", "same-id", Map.of("lang", "en"), null);
		this.store.upsertChunks(a, List.of(chunk(a, 0, "alpha river", vector)));
		this.store.upsertChunks(b, List.of(chunk(b, 0, "beta river", vector), chunk(b, 1, "beta river two", vector)));

		assertThat(dense("tenant-a", vector, 10, null)).extracting(r -> r.chunk().content()).containsExactly("alpha river");
		assertThat(this.store.search(new SearchRequest("tenant-b", null, "river", 10, null, SearchMode.SPARSE, 10)))
			.extracting(r -> r.chunk().content())
			.containsExactlyInAnyOrder("beta river", "beta river two");

		assertThat(this.store.delete("tenant-a", "same-id")).isTrue();
		assertThat(this.store.findDocument("tenant-b", "same-id").orElseThrow().chunks()).hasSize(2);
		assertThat(this.store.chunkCount()).isEqualTo(2);
	}

	// ---------------------------------------------------------------------------------- health, failures

	@Test
	void healthReportsTheClusterStatus() {
		Health health = this.store.healthCheck();

		assertThat(health.up()).as(health.details().toString()).isTrue();
		assertThat(health.details()).containsEntry("index", this.index).containsKey("cluster");
		assertThat((String) health.details().get("status")).isIn("green", "yellow");
	}

	@Test
	void unreachableServerIsDownAndItsCallsAreRetryableFailures() {
		// Port 9 (discard) is not listened on here; the connection is refused at once.
		try (OpenSearchVectorStore unreachable = newStore("http://127.0.0.1:9", this.index, DIMENSIONS)) {
			assertThat(unreachable.healthCheck().up()).isFalse();
			assertThatThrownBy(unreachable::chunkCount).isInstanceOfSatisfying(RemoteCallException.class, ex -> {
				assertThat(ex.retryable()).isTrue();
				assertThat(ex.status()).isZero();
				assertThat(ex.service()).isEqualTo("vector-store");
			});
		}
	}

	@Test
	void bulkItemFailuresInAnOkResponseAreSurfaced() {
		seed();
		// A write block makes OpenSearch answer the bulk request with 200 and a 403 per item, as it does when
		// a full disk trips the flood-stage watermark.
		assertThat(OpenSearchServer.send("PUT", "/" + OpenSearchFields.namespaceIndex(this.index, NS) + "/_settings",
				"{\"index.blocks.write\":true}").status())
			.isEqualTo(200);
		try {
			Document document = document(NS, "doc-new", Map.of(), null);
			assertThatThrownBy(() -> this.store.upsertChunks(document,
					List.of(chunk(document, 0, "blocked text", randomUnit(new Random(1))))))
				.isInstanceOfSatisfying(RemoteCallException.class, ex -> {
					assertThat(ex.status()).isEqualTo(403);
					assertThat(ex.code()).isEqualTo("cluster_block_exception");
					assertThat(ex.retryable()).isFalse();
					assertThat(ex.getMessage()).contains("bulk operations").doesNotContain("blocked text");
				});
		}
		finally {
			OpenSearchServer.send("PUT", "/" + OpenSearchFields.namespaceIndex(this.index, NS) + "/_settings",
					"{\"index.blocks.write\":false}");
		}
		assertThat(this.store.findDocument(NS, "doc-new")).isEmpty();
	}

	@Test
	void anExistingIndexOfOtherDimensionsIsRefused() {
		seed();
		try (OpenSearchVectorStore other = newStore(OpenSearchServer.url(), this.index, DIMENSIONS * 2)) {
			assertThatThrownBy(() -> other.findDocument(NS, "doc-0")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("8-dimensional")
				.hasMessageContaining("16-dimensional");
		}
	}

}
