package io.ragwell.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ragwell.store.lucene.StoreFixtures.chunks;
import static io.ragwell.store.lucene.StoreFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class LuceneVectorStoreTests {

	private static final int DIMENSIONS = 16;

	private static final List<String> CAT_TEXTS = List.of("Cats purr when they are content and warm.",
			"Kittens chase balls of string across the kitchen floor.");

	private static final List<String> ROCKET_TEXTS = List.of("Rockets burn liquid oxygen and kerosene.",
			"The launch was delayed by strong upper-level winds.", "Orbital insertion happened after nine minutes.");

	@TempDir
	Path dir;

	private final Random random = new Random(42);

	private LuceneVectorStore store;

	private Document cats;

	private List<EmbeddedChunk> catChunks;

	private Document rockets;

	private List<EmbeddedChunk> rocketChunks;

	@BeforeEach
	void openStoreWithTwoDocuments() {
		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS);
		this.cats = document("default", "cats", Map.of("topic", "pets", "year", 2024L, "tags", List.of("a", "b")),
				"cats.md", CAT_TEXTS);
		this.catChunks = chunks(this.cats, CAT_TEXTS, this.random, DIMENSIONS);
		this.rockets = document("default", "rockets", Map.of("topic", "space", "draft", true), null, ROCKET_TEXTS);
		this.rocketChunks = chunks(this.rockets, ROCKET_TEXTS, this.random, DIMENSIONS);
		this.store.upsertChunks(this.cats, this.catChunks);
		this.store.upsertChunks(this.rockets, this.rocketChunks);
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void createsTheIndexDirectoryWhenMissing() {
		assertThat(this.dir.resolve("index")).isDirectory();
		assertThat(this.store.chunkCount()).isEqualTo(5);
	}

	@Test
	void denseSearchFindsTheChunkWithTheQueryVectorAndReportsCosine() {
		EmbeddedChunk target = this.rocketChunks.get(1);

		List<SearchResult> results = this.store.search(dense("default", target.vector(), 3));

		assertThat(results).hasSize(3);
		assertThat(results.getFirst().chunk()).isEqualTo(target.chunk());
		assertThat(results.getFirst().score()).isCloseTo(1.0, within(1e-5));
		assertThat(results.getFirst().denseScore()).isEqualTo(results.getFirst().score());
		assertThat(results.getFirst().sparseScore()).isNull();
		assertThat(results).extracting(SearchResult::rank).containsExactly(1, 2, 3);
		for (SearchResult result : results) {
			float[] vector = vectorOf(result.chunk().id());
			assertThat(result.score()).isCloseTo(StoreFixtures.dot(target.vector(), vector), within(1e-5));
		}
		assertThat(results).extracting(SearchResult::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
	}

	@Test
	void sparseSearchMatchesStemmedWordsWithBm25() {
		List<SearchResult> results = this.store
			.search(new SearchRequest("default", null, "kitten chasing", 5, null, SearchMode.SPARSE, 5));

		assertThat(results).hasSize(1);
		assertThat(results.getFirst().chunk().id()).isEqualTo("cats#1");
		assertThat(results.getFirst().sparseScore()).isEqualTo(results.getFirst().score()).isPositive();
		assertThat(results.getFirst().denseScore()).isNull();
	}

	@Test
	void sparseSearchTreatsQuerySyntaxAsPlainWords() {
		List<SearchResult> results = this.store.search(new SearchRequest("default", null,
				"content:\"rockets\" AND (oxygen* OR [a TO z]) -kerosene", 5, null, SearchMode.SPARSE, 5));

		assertThat(results).extracting(r -> r.chunk().id()).containsExactly("rockets#0", "cats#0");
	}

	@Test
	void sparseSearchWithOnlyStopWordsFindsNothing() {
		assertThat(this.store.search(new SearchRequest("default", null, "the and of", 5, null, SearchMode.SPARSE, 5)))
			.isEmpty();
	}

	@Test
	void hybridSearchRanksTheChunkBothListsAgreeOnFirstWithBothScores() {
		EmbeddedChunk target = this.catChunks.get(0);

		List<SearchResult> results = this.store
			.search(new SearchRequest("default", target.vector(), "purring cats", 3, null, SearchMode.HYBRID, 5));

		assertThat(results).hasSize(3);
		SearchResult first = results.getFirst();
		assertThat(first.chunk().id()).isEqualTo("cats#0");
		assertThat(first.denseScore()).isCloseTo(1.0, within(1e-5));
		assertThat(first.sparseScore()).isPositive();
		assertThat(first.score()).isCloseTo(2.0 / 61, within(1e-9));
		assertThat(results.subList(1, 3)).allSatisfy(result -> {
			assertThat(result.sparseScore()).isNull();
			assertThat(result.denseScore()).isNotNull();
		});
		assertThat(results).extracting(SearchResult::rank).containsExactly(1, 2, 3);
	}

	@Test
	void hybridFusionUsesTheConfiguredK() {
		this.store.close();
		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS, 1);

		List<SearchResult> results = this.store.search(new SearchRequest("default", this.catChunks.get(0).vector(),
				"purring cats", 1, null, SearchMode.HYBRID, 5));

		assertThat(results.getFirst().score()).isCloseTo(2.0 / 2, within(1e-9));
	}

	@Test
	void searchReturnsStoredChunkFieldsIntact() {
		SearchResult result = this.store.search(dense("default", this.catChunks.get(1).vector(), 1)).getFirst();

		assertThat(result.chunk()).isEqualTo(this.catChunks.get(1).chunk());
		assertThat(result.chunk().metadata()).containsEntry("topic", "pets")
			.containsEntry("tags", List.of("a", "b"))
			.containsKey("year");
		assertThat(((Number) result.chunk().metadata().get("year")).longValue()).isEqualTo(2024L);
		assertThat(result.chunk().source()).isEqualTo("cats.md");
	}

	@Test
	void findDocumentRebuildsDocumentChunksAndVectors() {
		StoredDocument stored = this.store.findDocument("default", "rockets").orElseThrow();

		assertThat(stored.document()).isEqualTo(this.rockets);
		assertThat(stored.chunks()).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(stored.chunks().get(i).chunk()).isEqualTo(this.rocketChunks.get(i).chunk());
			assertThat(stored.chunks().get(i).vector()).containsExactly(this.rocketChunks.get(i).vector());
		}
	}

	@Test
	void reUpsertWithFewerChunksLeavesNoneOfTheOldOnes() {
		Document updated = document("default", "rockets", Map.of("topic", "space"), null, List.of("Only one chunk now."));
		List<EmbeddedChunk> newChunks = chunks(updated, List.of("Only one chunk now."), this.random, DIMENSIONS);

		this.store.upsertChunks(updated, newChunks);

		assertThat(this.store.chunkCount()).isEqualTo(3);
		assertThat(this.store.findDocument("default", "rockets").orElseThrow().chunks()).extracting(c -> c.chunk().id())
			.containsExactly("rockets#0");
		assertThat(this.store.findDocument("default", "rockets").orElseThrow().document()).isEqualTo(updated);
		assertThat(this.store.search(new SearchRequest("default", null, "orbital launch kerosene", 10, null,
				SearchMode.SPARSE, 10)))
			.isEmpty();
		List<SearchResult> all = this.store.search(dense("default", this.rocketChunks.get(2).vector(), 10));
		assertThat(all).extracting(r -> r.chunk().id())
			.containsExactlyInAnyOrder("cats#0", "cats#1", "rockets#0")
			.doesNotContain("rockets#1", "rockets#2");
		assertThat(this.store.search(dense("default", newChunks.getFirst().vector(), 1)).getFirst().chunk().content())
			.isEqualTo("Only one chunk now.");
	}

	@Test
	void deleteRemovesTheDocumentAndItsChunks() {
		assertThat(this.store.delete("default", "cats")).isTrue();

		assertThat(this.store.findDocument("default", "cats")).isEmpty();
		assertThat(this.store.chunkCount()).isEqualTo(3);
		assertThat(this.store.search(dense("default", this.catChunks.get(0).vector(), 10)))
			.extracting(r -> r.chunk().documentId())
			.containsOnly("rockets");
		assertThat(this.store.delete("default", "cats")).isFalse();
	}

	@Test
	void deleteOfAnAbsentDocumentReturnsFalse() {
		assertThat(this.store.delete("default", "nope")).isFalse();
		assertThat(this.store.chunkCount()).isEqualTo(5);
	}

	@Test
	void documentWithoutChunksIsStoredAndFound() {
		Document empty = document("default", "empty", Map.of(), null, List.of());

		this.store.upsertChunks(empty, List.of());

		assertThat(this.store.findDocument("default", "empty").orElseThrow().chunks()).isEmpty();
		assertThat(this.store.delete("default", "empty")).isTrue();
	}

	@Test
	void everythingSurvivesAReopen() {
		this.store.close();
		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS);

		assertThat(this.store.chunkCount()).isEqualTo(5);
		StoredDocument stored = this.store.findDocument("default", "cats").orElseThrow();
		assertThat(stored.document()).isEqualTo(this.cats);
		assertThat(stored.chunks().get(1).vector()).containsExactly(this.catChunks.get(1).vector());
		assertThat(this.store.search(dense("default", this.rocketChunks.get(2).vector(), 1)).getFirst().chunk())
			.isEqualTo(this.rocketChunks.get(2).chunk());
		assertThat(this.store.search(new SearchRequest("default", null, "kerosene", 1, null, SearchMode.SPARSE, 1)))
			.extracting(r -> r.chunk().id())
			.containsExactly("rockets#0");
	}

	@Test
	void acknowledgedWritesAreCommittedWithoutClosing() throws IOException {
		// A second reader of the directory sees only commits: what it finds would survive a kill -9.
		try (FSDirectory directory = FSDirectory.open(this.dir.resolve("index"));
				DirectoryReader reader = DirectoryReader.open(directory)) {
			IndexSearcher searcher = new IndexSearcher(reader);
			assertThat(searcher.count(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_CHUNK))))
				.isEqualTo(5);
			assertThat(searcher.count(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT))))
				.isEqualTo(2);
		}
	}

	@Test
	void namespacesIsolateSearchFindAndDelete() {
		Document otherCats = document("tenant-b", "cats", Map.of("topic", "pets"), null, List.of("Tenant B cats purr."));
		List<EmbeddedChunk> otherChunks = chunks(otherCats, List.of("Tenant B cats purr."), this.random, DIMENSIONS);
		this.store.upsertChunks(otherCats, otherChunks);

		assertThat(this.store.chunkCount()).isEqualTo(6);
		assertThat(this.store.search(dense("tenant-b", this.catChunks.get(0).vector(), 10)))
			.extracting(r -> r.chunk().content())
			.containsExactly("Tenant B cats purr.");
		assertThat(this.store.search(dense("default", otherChunks.getFirst().vector(), 10)))
			.extracting(r -> r.chunk().content())
			.hasSize(5)
			.doesNotContain("Tenant B cats purr.");
		assertThat(this.store.search(new SearchRequest("default", null, "tenant", 10, null, SearchMode.SPARSE, 10)))
			.isEmpty();
		assertThat(this.store.findDocument("tenant-b", "cats").orElseThrow().chunks()).hasSize(1);
		assertThat(this.store.findDocument("tenant-b", "rockets")).isEmpty();
		assertThat(this.store.search(dense("nobody", this.catChunks.get(0).vector(), 10))).isEmpty();

		assertThat(this.store.delete("tenant-b", "rockets")).isFalse();
		assertThat(this.store.delete("tenant-b", "cats")).isTrue();
		assertThat(this.store.findDocument("default", "cats").orElseThrow().chunks()).hasSize(2);
		assertThat(this.store.chunkCount()).isEqualTo(5);
	}

	@Test
	void namespaceAndIdThatConcatenateAlikeStayDistinct() {
		Document first = document("ab", "c", Map.of(), null, List.of("first text"));
		Document second = document("a", "bc", Map.of(), null, List.of("second text"));
		this.store.upsertChunks(first, chunks(first, List.of("first text"), this.random, DIMENSIONS));
		this.store.upsertChunks(second, chunks(second, List.of("second text"), this.random, DIMENSIONS));

		assertThat(this.store.findDocument("ab", "c").orElseThrow().document().content()).isEqualTo("first text");
		assertThat(this.store.findDocument("a", "bc").orElseThrow().document().content()).isEqualTo("second text");
	}

	@Test
	void filterRestrictsEveryMode() {
		MetadataFilter space = new MetadataFilter.Comparison("topic", MetadataFilter.Op.EQ, "space");

		assertThat(this.store.search(new SearchRequest("default", this.catChunks.get(0).vector(), null, 10, space,
				SearchMode.DENSE, 10)))
			.extracting(r -> r.chunk().documentId())
			.hasSize(3)
			.containsOnly("rockets");
		assertThat(this.store.search(new SearchRequest("default", null, "cats kittens launch", 10, space,
				SearchMode.SPARSE, 10)))
			.extracting(r -> r.chunk().id())
			.containsExactly("rockets#1");
		assertThat(this.store.search(new SearchRequest("default", this.catChunks.get(0).vector(), "cats kittens", 10,
				space, SearchMode.HYBRID, 10)))
			.extracting(r -> r.chunk().documentId())
			.hasSize(3)
			.containsOnly("rockets");
	}

	@Test
	void aTenantsSparseScoresDoNotDependOnAnotherTenantsChunks() {
		List<String> corpus = List.of("Rockets burn liquid oxygen.", "Oxygen tanks vent before the launch.",
				"The launch pad cools after ignition.");
		SearchRequest query = new SearchRequest("tenant-a", null, "oxygen launch", 10, null, SearchMode.SPARSE, 10);
		try (LuceneVectorStore alone = new LuceneVectorStore(this.dir.resolve("alone"), DIMENSIONS);
				LuceneVectorStore shared = new LuceneVectorStore(this.dir.resolve("shared"), DIMENSIONS)) {
			Random vectors = new Random(3);
			Document tenantA = document("tenant-a", "a", Map.of(), null, corpus);
			List<EmbeddedChunk> tenantAChunks = chunks(tenantA, corpus, vectors, DIMENSIONS);
			alone.upsertChunks(tenantA, tenantAChunks);
			shared.upsertChunks(tenantA, tenantAChunks);
			// Tenant B: many chunks of other lengths, most with the query's terms, which would move both the
			// document frequencies and the average length if the statistics were shared.
			for (int d = 0; d < 40; d++) {
				List<String> texts = new ArrayList<>();
				for (int c = 0; c < 10; c++) {
					texts.add("oxygen " + "word ".repeat(c) + ((c % 2 == 0) ? "launch" : "other") + " " + d);
				}
				Document tenantB = document("tenant-b", "b-" + d, Map.of(), null, texts);
				shared.upsertChunks(tenantB, chunks(tenantB, texts, vectors, DIMENSIONS));
			}

			List<SearchResult> expected = alone.search(query);
			assertThat(expected).hasSize(3);
			assertThat(shared.search(query)).isEqualTo(expected);
		}
	}

	@Test
	void metadataIsStoredAndIndexedOnTheDocumentRecordAlone() throws IOException {
		try (FSDirectory directory = FSDirectory.open(this.dir.resolve("index"));
				DirectoryReader reader = DirectoryReader.open(directory)) {
			IndexSearcher searcher = new IndexSearcher(reader);
			// Two documents, five chunks: the metadata is there twice, not seven times.
			assertThat(searcher.count(new TermQuery(new Term(LuceneFields.metadataString("topic"), "pets")))).isOne();
			assertThat(searcher.count(new TermQuery(new Term(LuceneFields.metadataString("topic"), "space"))))
				.isOne();
			var storedFields = searcher.storedFields();
			for (var hit : searcher.search(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_CHUNK)), 10).scoreDocs) {
				assertThat(storedFields.document(hit.doc).get(LuceneFields.METADATA)).isNull();
			}
		}
		// Yet every chunk reads back with it.
		assertThat(this.store.findDocument("default", "cats").orElseThrow().chunks())
			.allSatisfy(chunk -> assertThat(chunk.chunk().metadata()).isEqualTo(this.cats.metadata()));
	}

	@Test
	void rejectsChunksWhoseMetadataIsNotTheirDocuments() {
		List<EmbeddedChunk> chunks = List.of(new EmbeddedChunk(
				StoreFixtures.chunk(this.cats, 0, "text", Map.of("topic", "other")), this.catChunks.get(0).vector()));

		assertThatIllegalArgumentException().isThrownBy(() -> this.store.upsertChunks(this.cats, chunks))
			.withMessageContaining("metadata other than its document's");
	}

	@Test
	void concurrentUpsertsOfDifferentDocumentsAllLand() throws Exception {
		int writers = 8;
		int perWriter = 10;
		List<Document> written = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(writers)) {
			List<Future<?>> futures = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				futures.add(executor.submit(() -> {
					Random local = new Random(writer);
					for (int i = 0; i < perWriter; i++) {
						List<String> texts = List.of("writer " + writer + " doc " + i + " first",
								"writer " + writer + " doc " + i + " second");
						Document doc = document("concurrent", "w" + writer + "-" + i, Map.of("writer", (long) writer),
								null, texts);
						this.store.upsertChunks(doc, chunks(doc, texts, local, DIMENSIONS));
						// Visible on return, whatever the other writers are doing.
						assertThat(this.store.findDocument("concurrent", doc.id())).isPresent();
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		assertThat(this.store.chunkCount()).isEqualTo(5 + 2 * writers * perWriter);

		this.store.close();
		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS);
		assertThat(this.store.chunkCount()).isEqualTo(5 + 2 * writers * perWriter);
		assertThat(this.store.findDocument("concurrent", "w7-9").orElseThrow().chunks()).hasSize(2);
	}

	@Test
	void rejectsChunksOfAnotherDocumentAndVectorsOfAnotherDimension() {
		Document doc = document("default", "x", Map.of(), null, List.of("text"));
		List<EmbeddedChunk> foreign = this.catChunks;
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.upsertChunks(doc, foreign))
			.withMessageContaining("belongs to 'cats'");
		List<EmbeddedChunk> wide = chunks(doc, List.of("text"), this.random, DIMENSIONS + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.upsertChunks(doc, wide))
			.withMessageContaining("17-dimensional");
		assertThat(this.store.findDocument("default", "x")).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.search(dense("default", new float[DIMENSIONS + 1], 1)))
			.withMessageContaining("16 dimensions");
	}

	@Test
	void refusesAnIndexBuiltWithAnotherDimension() {
		this.store.close();

		assertThatIllegalStateException().isThrownBy(() -> new LuceneVectorStore(this.dir.resolve("index"), 384))
			.withMessageContaining("16-dimensional")
			.withMessageContaining("384-dimensional")
			.withMessageContaining("re-index")
			.withMessageContaining("ragwell.store.lucene.path");
		// The failed open released the write lock: the right dimension still opens.
		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS);
		assertThat(this.store.chunkCount()).isEqualTo(5);
	}

	@Test
	void anIndexWithoutARecordedModelIsAcceptedAndStampedAtOnce() throws IOException {
		this.store.close();
		assertThat(recordedUserData(this.dir.resolve("index"))).doesNotContainKey(LuceneVectorStore.MODEL_KEY);

		this.store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS, "model-a", 60);

		assertThat(this.store.chunkCount()).isEqualTo(5);
		// Stamped without waiting for a write, so the next open is checked even if this one writes nothing.
		assertThat(recordedUserData(this.dir.resolve("index"))).containsEntry(LuceneVectorStore.MODEL_KEY, "model-a");
	}

	@Test
	void refusesAnIndexBuiltWithAnotherModelNamingBoth() {
		Path path = this.dir.resolve("models");
		Document doc = document("default", "x", Map.of(), null, List.of("text"));
		try (LuceneVectorStore modelA = new LuceneVectorStore(path, DIMENSIONS, "model-a", 60)) {
			modelA.upsertChunks(doc, chunks(doc, List.of("text"), this.random, DIMENSIONS));
		}

		assertThatIllegalStateException().isThrownBy(() -> new LuceneVectorStore(path, DIMENSIONS, "model-b", 60))
			.withMessageContaining("'model-a'")
			.withMessageContaining("'model-b'")
			.withMessageContaining("ragwell.embedding.model");
		// The failed open released the write lock, and the index still opens with the model it was built with.
		try (LuceneVectorStore again = new LuceneVectorStore(path, DIMENSIONS, "model-a", 60)) {
			assertThat(again.chunkCount()).isEqualTo(1);
			Document other = document("default", "y", Map.of(), null, List.of("more"));
			again.upsertChunks(other, chunks(other, List.of("more"), this.random, DIMENSIONS));
		}
		// Every commit keeps the model, not only the first.
		assertThatIllegalStateException().isThrownBy(() -> new LuceneVectorStore(path, DIMENSIONS, "model-b", 60))
			.withMessageContaining("'model-a'");
	}

	private static Map<String, String> recordedUserData(Path path) throws IOException {
		try (FSDirectory directory = FSDirectory.open(path)) {
			return SegmentInfos.readLatestCommit(directory).getUserData();
		}
	}

	@Test
	void healthIsUpWithDetailsAndDownOnceClosed() {
		Health health = this.store.healthCheck();

		assertThat(health.up()).isTrue();
		assertThat(health.details()).containsEntry("chunks", 5)
			.containsEntry("documents", 2)
			.containsEntry("path", this.dir.resolve("index").toAbsolutePath().normalize().toString());

		this.store.close();
		assertThat(this.store.healthCheck().up()).isFalse();
		assertThat(this.store.healthCheck().details().get("reason").toString()).contains("closed");
	}

	private static SearchRequest dense(String namespace, float[] vector, int topK) {
		return new SearchRequest(namespace, vector, null, topK, null, SearchMode.DENSE, topK);
	}

	private float[] vectorOf(String chunkId) {
		return Stream.concat(this.catChunks.stream(), this.rocketChunks.stream())
			.filter(c -> c.chunk().id().equals(chunkId))
			.findFirst()
			.orElseThrow()
			.vector();
	}

}
