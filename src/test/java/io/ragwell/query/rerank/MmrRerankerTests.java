package io.ragwell.query.rerank;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.store.lucene.LuceneVectorStore;
import io.ragwell.support.FakeEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class MmrRerankerTests {

	// q = x axis. d0 is relevant (cos 0.8); d1 nearly duplicates d0 (cos 0.7923 to q, 0.9949 to d0); d2 is less
	// relevant (cos 0.6) but orthogonal to d0.
	private static final float[] QUERY = { 1, 0, 0 };

	private static final float[] D0 = { 0.8f, 0.6f, 0 };

	private static final float[] D1 = { 0.79f, 0.6f, 0.1f };

	private static final float[] D2 = { 0.6f, -0.8f, 0 };

	@TempDir
	Path dir;

	private LuceneVectorStore store;

	@BeforeEach
	void open() {
		this.store = new LuceneVectorStore(this.dir.resolve("index"), 3);
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void selectionPrefersADiverseCandidateOverANearDuplicate() {
		List<MmrReranker.Selection> selected = MmrReranker.select(QUERY, List.of(D0, D1, D2), 0.7, 3);

		assertThat(selected).extracting(MmrReranker.Selection::index).containsExactly(0, 2, 1);
		// 0.7 * 0.8; then 0.7 * 0.6 - 0.3 * 0; then 0.7 * 0.79234 - 0.3 * 0.99493
		assertThat(selected.get(0).score()).isCloseTo(0.56, within(1e-6));
		assertThat(selected.get(1).score()).isCloseTo(0.42, within(1e-6));
		assertThat(selected.get(2).score()).isCloseTo(0.25616, within(1e-4));
	}

	@Test
	void lambdaOneIsPlainRelevanceOrder() {
		assertThat(MmrReranker.select(QUERY, List.of(D2, D1, D0), 1.0, 3)).extracting(MmrReranker.Selection::index)
			.containsExactly(2, 1, 0);
	}

	@Test
	void selectsAtMostTopNAndNoCandidateTwice() {
		List<float[]> same = List.of(D0, D0, D0, D0);

		assertThat(MmrReranker.select(QUERY, same, 0.5, 3)).extracting(MmrReranker.Selection::index)
			.containsExactly(0, 1, 2);
		assertThat(MmrReranker.select(QUERY, same, 0.5, 10)).hasSize(4);
	}

	@Test
	void rejectsLambdaOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MmrReranker(this.store, axisEmbedder(), 1.5))
			.withMessageContaining("ragwell.rerank.lambda");
	}

	@Test
	void reranksStoredCandidatesWithTheVectorsTheStoreHolds() {
		index("default", Map.of("d0", D0, "d1", D1, "d2", D2));
		List<SearchResult> candidates = this.store
			.search(new SearchRequest("default", QUERY, null, 3, null, SearchMode.DENSE, 3));
		assertThat(candidates).extracting(result -> result.chunk().documentId()).containsExactly("d0", "d1", "d2");
		FakeEmbedder embedder = axisEmbedder();

		List<SearchResult> reranked = new MmrReranker(this.store, embedder, 0.7)
			.rerank(new RerankRequest("default", "question", QUERY, candidates, 2));

		assertThat(reranked).extracting(result -> result.chunk().documentId()).containsExactly("d0", "d2");
		assertThat(reranked).extracting(SearchResult::rank).containsExactly(1, 2);
		assertThat(reranked.get(0).rerankScore()).isCloseTo(0.56, within(1e-6));
		assertThat(reranked.get(1).denseScore()).isCloseTo(0.6, within(1e-6));
		// Every vector came from the store: nothing was embedded.
		assertThat(embedder.calls()).isZero();
	}

	@Test
	void embedsTheQuestionAndCandidatesTheStoreHasNoVectorFor() {
		index("default", Map.of("d0", D0));
		List<SearchResult> candidates = new ArrayList<>(
				this.store.search(new SearchRequest("default", QUERY, null, 1, null, SearchMode.DENSE, 1)));
		// A chunk the store does not hold (another namespace's id, say): its text is embedded.
		candidates.add(new SearchResult(chunk("elsewhere", "text along z"), 0.1, 2, 0.1, null));
		FakeEmbedder embedder = axisEmbedder();

		List<SearchResult> reranked = new MmrReranker(this.store, embedder, 0.7)
			.rerank(new RerankRequest("default", "question", null, candidates, 2));

		assertThat(reranked).hasSize(2);
		// The question (no vector in the request) and the one unknown chunk.
		assertThat(embedder.calls()).isEqualTo(2);
	}

	@Test
	void chunkVectorsStayInTheirNamespace() {
		index("tenant-a", Map.of("d0", D0));

		assertThat(this.store.chunkVectors("tenant-a", List.of(Chunk.idFor("d0", 0)))).containsOnlyKeys(
				Chunk.idFor("d0", 0));
		assertThat(this.store.chunkVectors("tenant-b", List.of(Chunk.idFor("d0", 0)))).isEmpty();
		assertThat(this.store.chunkVectors("tenant-a", List.of(Chunk.idFor("d0", 0))).get(Chunk.idFor("d0", 0)))
			.containsExactly(D0);
	}

	private void index(String namespace, Map<String, float[]> vectors) {
		vectors.forEach((id, vector) -> {
			Document document = new Document(id, namespace, "text of " + id, Map.of(), null, Instant.EPOCH,
					Instant.EPOCH);
			this.store.upsertChunks(document, List.of(new EmbeddedChunk(chunk(id, "text of " + id), vector)));
		});
	}

	private static Chunk chunk(String documentId, String text) {
		return new Chunk(Chunk.idFor(documentId, 0), documentId, text, 0, Map.of(), 3, null, "hash-" + documentId);
	}

	/** Embeds everything onto an axis: "question" onto x, anything else onto z. Counts its calls. */
	private static FakeEmbedder axisEmbedder() {
		return FakeEmbedder.of("axis", 3,
				(text) -> text.equals("question") ? new float[] { 1, 0, 0 } : new float[] { 0, 0, 1 });
	}

}
