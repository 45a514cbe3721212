package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** HNSW search against brute-force cosine over seeded random vectors. */
class LuceneDenseRecallTests {

	// Random vectors in 384 dimensions are HNSW's worst case (no structure, distances bunch together): there
	// recall@10 at 50 candidates measured 0.956-1.0 depending on how segments happened to merge, too unsteady
	// to assert. In 16 dimensions it measured 1.0 at 50 candidates, so a regression has room to show.
	private static final int DIMENSIONS = 16;

	private static final int CANDIDATES = 50;

	private static final int DOCUMENTS = 20;

	private static final int CHUNKS_PER_DOCUMENT = 100;

	private static final int QUERIES = 100;

	private static final int TOP_K = 10;

	@TempDir
	Path dir;

	@Test
	void recallAtTenAgainstBruteForceIsAtLeastNinetyFivePercent() {
		Random random = new Random(2024);
		List<EmbeddedChunk> all = new ArrayList<>();
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir.resolve("index"), DIMENSIONS)) {
			for (int d = 0; d < DOCUMENTS; d++) {
				List<String> texts = IntStream.range(0, CHUNKS_PER_DOCUMENT).mapToObj(i -> "chunk text " + i).toList();
				Document document = StoreFixtures.document("recall", "doc-" + d, Map.of(), null, texts);
				List<EmbeddedChunk> chunks = StoreFixtures.chunks(document, texts, random, DIMENSIONS);
				store.upsertChunks(document, chunks);
				all.addAll(chunks);
			}

			int found = 0;
			for (int q = 0; q < QUERIES; q++) {
				float[] query = StoreFixtures.unitVector(random, DIMENSIONS);
				List<EmbeddedChunk> exact = all.stream()
					.sorted(Comparator.comparingDouble((EmbeddedChunk c) -> -StoreFixtures.dot(query, c.vector())))
					.limit(TOP_K)
					.toList();
				List<SearchResult> results = store
					.search(new SearchRequest("recall", query, null, TOP_K, null, SearchMode.DENSE, CANDIDATES));

				assertThat(results).hasSize(TOP_K);
				// The best match is exact, with its cosine as the score.
				assertThat(results.getFirst().chunk().id()).isEqualTo(exact.getFirst().chunk().id());
				assertThat(results.getFirst().score())
					.isCloseTo(StoreFixtures.dot(query, exact.getFirst().vector()), within(1e-4));
				Set<String> expectedIds = new HashSet<>();
				exact.forEach(c -> expectedIds.add(c.chunk().id()));
				found += (int) results.stream().filter(r -> expectedIds.contains(r.chunk().id())).count();
			}
			double recall = (double) found / (QUERIES * TOP_K);
			assertThat(recall).isGreaterThanOrEqualTo(0.95);
		}
	}

}
