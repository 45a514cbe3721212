package io.ragwell.query.retrieve;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.PrfProperties;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.store.lucene.LuceneVectorStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The fusion setting on a real Lucene index with two-dimensional vectors. */
class HybridRetrieverTests {

	private static final float[] QUERY = { 1, 0 };

	@TempDir
	Path dir;

	@Test
	void relativeScoreFusionFollowsItsAlpha() {
		try (LuceneVectorStore store = store()) {
			// Dense: a (cosine 1) > b (0.8) > c (0); BM25 matches only a and c.
			assertThat(ids(retriever(store, "relative-score", 1.0).retrieve("default", "apple", QUERY, 3, null,
					SearchMode.HYBRID))).containsExactly("a#0", "b#0", "c#0");
			List<String> sparseOnly = ids(retriever(store, "relative-score", 0.0).retrieve("default", "apple", QUERY,
					3, null, SearchMode.HYBRID));
			assertThat(sparseOnly).hasSize(3).endsWith("b#0");
			assertThat(sparseOnly.subList(0, 2)).containsExactlyInAnyOrder("a#0", "c#0");
		}
	}

	@Test
	void rrfIsTheStoresOwnHybridSearch() {
		try (LuceneVectorStore store = store()) {
			List<SearchResult> viaRetriever = retriever(store, "rrf", 0.5).retrieve("default", "apple", QUERY, 3, null,
					SearchMode.HYBRID);
			List<SearchResult> direct = store.search(new io.ragwell.core.SearchRequest("default", QUERY, "apple", 3,
					null, SearchMode.HYBRID, 50));
			assertThat(ids(viaRetriever)).isEqualTo(ids(direct));
			assertThat(viaRetriever.get(0).score()).isEqualTo(direct.get(0).score());
		}
	}

	@Test
	void bm25FeedbackAddsTheTopChunksTermsToTheQuery() {
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir.resolve("prf-sparse"), 2)) {
			add(store, "a", "apple orchard harvest", new float[] { 1, 0 });
			add(store, "b", "orchard harvest season", new float[] { 0, 1 });
			add(store, "c", "cherry", new float[] { 0, 1 });
			QueryProperties query = new QueryProperties(5, 50, 60, 2000, "hybrid", "weighted", 0.5, null, null, "none", 3);
			assertThat(ids(new HybridRetriever(store, query).retrieve("default", "apple", null, 3, null,
					SearchMode.SPARSE))).containsExactly("a#0");
			// The feedback chunk a brings "orchard" and "harvest", which find b.
			assertThat(ids(new HybridRetriever(store, query, new PrfProperties(1, 0, 2, 2)).retrieve("default",
					"apple", null, 3, null, SearchMode.SPARSE))).containsExactly("a#0", "b#0");
		}
	}

	@Test
	void denseFeedbackReranksByTheStoredVectorsOfTheTopChunks() {
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir.resolve("prf-dense"), 2)) {
			// Against (1, 0): a 0.9, b 0.8, c 0.7. Moved most of the way to a, the query prefers c to b.
			add(store, "a", "alpha", new float[] { 0.9f, 0.436f });
			add(store, "b", "beta", new float[] { 0.8f, -0.6f });
			add(store, "c", "gamma", new float[] { 0.7f, 0.714f });
			QueryProperties query = new QueryProperties(5, 50, 60, 2000, "hybrid", "weighted", 0.5, null, null, "none", 3);
			assertThat(ids(new HybridRetriever(store, query).retrieve("default", "alpha", QUERY, 3, null,
					SearchMode.DENSE))).containsExactly("a#0", "b#0", "c#0");
			assertThat(ids(new HybridRetriever(store, query, new PrfProperties(1, 0.9, 0, 2)).retrieve("default",
					"alpha", QUERY, 3, null, SearchMode.DENSE))).containsExactly("a#0", "c#0", "b#0");
		}
	}

	private LuceneVectorStore store() {
		LuceneVectorStore store = new LuceneVectorStore(this.dir.resolve("index"), 2);
		add(store, "a", "apple apple banana", new float[] { 1, 0 });
		add(store, "b", "cherry", new float[] { 0.8f, 0.6f });
		add(store, "c", "apple", new float[] { 0, 1 });
		return store;
	}

	private static HybridRetriever retriever(LuceneVectorStore store, String fusion, double alpha) {
		return new HybridRetriever(store, new QueryProperties(5, 50, 60, 2000, "hybrid", fusion, alpha, null, null, "none", 3));
	}

	private static void add(LuceneVectorStore store, String id, String text, float[] vector) {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		Document document = new Document(id, "default", text, Map.of(), null, now, now);
		Chunk chunk = new Chunk(Chunk.idFor(id, 0), id, text, 0, Map.of(), 3, null, "hash-" + id);
		store.upsertChunks(document, List.of(new EmbeddedChunk(chunk, vector)));
	}

	private static List<String> ids(List<SearchResult> results) {
		return results.stream().map(result -> result.chunk().id()).toList();
	}

}
