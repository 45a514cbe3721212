package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;
import io.ragwell.rank.Fusions;
import io.ragwell.rank.ReciprocalRankFusion;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lucene store's hybrid search (both lists from one snapshot, fused over chunk ids, chunks loaded for the
 * top K only) against the generic path (two full searches, then the same fusion over the results), over a seeded random
 * corpus built for ties: few distinct words (equal BM25 scores), repeated vectors (equal cosines), several
 * segments and deleted docs.
 */
@TestInstance(Lifecycle.PER_CLASS)
class LuceneFusedSearchDifferentialTests {

	private static final int DIMENSIONS = 8;

	private static final List<String> WORDS = List.of("protein", "cell", "gene", "tumour", "virus", "dose", "risk",
			"brain", "blood", "trial", "mouse", "enzyme");

	private static final long SEED = 20261124L;

	private LuceneVectorStore store;

	private final List<float[]> queryVectors = new ArrayList<>();

	@BeforeAll
	void buildCorpus(@TempDir Path dir) {
		this.store = new LuceneVectorStore(dir.resolve("index"), DIMENSIONS);
		Random random = new Random(SEED);
		List<float[]> pool = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			pool.add(StoreFixtures.unitVector(random, DIMENSIONS));
		}
		// Several batches make several segments; re-upserting some documents leaves deleted docs behind.
		for (int batch = 0; batch < 4; batch++) {
			Map<String, VectorStore.Upsert> upserts = new LinkedHashMap<>();
			for (int d = 0; d < 20; d++) {
				String id = "doc-" + ((batch < 3) ? batch * 20 + d : random.nextInt(60));
				upserts.put(id, upsert(random, pool, id));
			}
			this.store.upsertAll(List.copyOf(upserts.values()));
		}
		for (int q = 0; q < 8; q++) {
			// Half the queries sit exactly on a pooled vector, which several chunks share.
			this.queryVectors.add((q % 2 == 0) ? pool.get(random.nextInt(pool.size()))
					: StoreFixtures.unitVector(random, DIMENSIONS));
		}
	}

	private static VectorStore.Upsert upsert(Random random, List<float[]> pool, String id) {
		Map<String, Object> metadata = Map.of("year", 2000L + random.nextInt(10), "tag",
				List.of("a", "b", "c").get(random.nextInt(3)), "reviewed", random.nextBoolean());
		List<String> texts = new ArrayList<>();
		int chunks = 2 + random.nextInt(6);
		for (int c = 0; c < chunks; c++) {
			texts.add(text(random, 1 + random.nextInt(6)));
		}
		Document document = StoreFixtures.document("default", id, metadata, (random.nextBoolean() ? "src/" + id : null),
				texts);
		List<EmbeddedChunk> embedded = new ArrayList<>();
		for (int c = 0; c < texts.size(); c++) {
			float[] vector = (random.nextInt(3) == 0) ? pool.get(random.nextInt(pool.size()))
					: StoreFixtures.unitVector(random, DIMENSIONS);
			embedded.add(new EmbeddedChunk(StoreFixtures.chunk(document, c, texts.get(c), metadata), vector));
		}
		return new VectorStore.Upsert(document, embedded);
	}

	private static String text(Random random, int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
		}
		return text.toString().strip();
	}

	@AfterAll
	void closeStore() {
		this.store.close();
	}

	@Test
	void corpusHasSeveralSegmentsAndHundredsOfChunks() {
		assertThat(this.store.chunkCount()).isBetween(200L, 600L);
	}

	@Test
	void hybridSearchEqualsTheGenericPathForEveryFusionDepthAndFilter() {
		Random random = new Random(SEED + 1);
		int[] depths = { 1, 3, 10, 37, 100, 1000 };
		int[] topKs = { 1, 5, 10, 60 };
		int nonEmpty = 0;
		int tied = 0;
		for (int i = 0; i < 240; i++) {
			int topK = topKs[random.nextInt(topKs.length)];
			HybridFusion fusion = fusion(random, depths[random.nextInt(depths.length)],
					depths[random.nextInt(depths.length)]);
			MetadataFilter filter = filter(random);
			float[] vector = this.queryVectors.get(random.nextInt(this.queryVectors.size()));
			String text = text(random, 1 + random.nextInt(3));
			SearchRequest hybrid = new SearchRequest("default", vector, text, topK, filter, SearchMode.HYBRID, 1, fusion);
			HybridFusion applied = hybrid.fusion(ReciprocalRankFusion.DEFAULT_K);
			List<SearchResult> expected = Fusions.fuse(applied, this.store.search(hybrid.denseList(applied)),
					this.store.search(hybrid.sparseList(applied)), topK);
			List<SearchResult> actual = this.store.search(hybrid);
			// Record equality: same chunks (every stored field), bit-identical scores, ranks and provenance.
			assertThat(actual).as("case %d: %s topK=%d filter=%s", i, applied, topK, filter).isEqualTo(expected);
			nonEmpty += expected.isEmpty() ? 0 : 1;
			tied += hasTie(expected) ? 1 : 0;
		}
		assertThat(nonEmpty).isGreaterThan(200);
		// Ties are where a different order of loading or fusing would show.
		assertThat(tied).isGreaterThan(40);
	}

	@Test
	void theStoresOwnHybridSearchIsReciprocalRankFusionOverFullCandidateLists() {
		Random random = new Random(SEED + 2);
		for (int i = 0; i < 60; i++) {
			int topK = 1 + random.nextInt(20);
			int candidates = topK + random.nextInt(80);
			MetadataFilter filter = filter(random);
			float[] vector = this.queryVectors.get(random.nextInt(this.queryVectors.size()));
			String text = text(random, 2);
			List<SearchResult> dense = this.store.search(
					new SearchRequest("default", vector, text, candidates, filter, SearchMode.DENSE, candidates));
			List<SearchResult> sparse = this.store.search(
					new SearchRequest("default", null, text, candidates, filter, SearchMode.SPARSE, candidates));
			assertThat(this.store.search(
					new SearchRequest("default", vector, text, topK, filter, SearchMode.HYBRID, candidates)))
				.isEqualTo(ReciprocalRankFusion.fuse(dense, sparse, ReciprocalRankFusion.DEFAULT_K, topK));
		}
	}

	@Test
	void plainSearchesReturnThePrefixOfTheirFullCandidateList() {
		Random random = new Random(SEED + 3);
		for (int i = 0; i < 60; i++) {
			int topK = 1 + random.nextInt(20);
			int candidates = topK + random.nextInt(80);
			MetadataFilter filter = filter(random);
			float[] vector = this.queryVectors.get(random.nextInt(this.queryVectors.size()));
			String text = text(random, 2);
			for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.SPARSE)) {
				List<SearchResult> full = this.store.search(new SearchRequest("default", vector, text, candidates,
						filter, mode, candidates));
				assertThat(this.store.search(new SearchRequest("default", vector, text, topK, filter, mode,
						candidates))).isEqualTo(full.subList(0, Math.min(topK, full.size())));
			}
		}
	}

	private static boolean hasTie(List<SearchResult> results) {
		for (int i = 1; i < results.size(); i++) {
			if (results.get(i).score() == results.get(i - 1).score()) {
				return true;
			}
		}
		return false;
	}

	private static HybridFusion fusion(Random random, int denseDepth, int sparseDepth) {
		double[] alphas = { 0.0, 0.3, 0.5, 1.0 };
		int[] ks = { 1, 60 };
		HybridFusion.Method method = random.nextBoolean() ? HybridFusion.Method.RRF
				: HybridFusion.Method.RELATIVE_SCORE;
		return new HybridFusion(method, ks[random.nextInt(ks.length)], alphas[random.nextInt(alphas.length)],
				denseDepth, sparseDepth);
	}

	private static @Nullable MetadataFilter filter(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> new Comparison("year", Op.GTE, 2004L);
			case 1 -> new Comparison("tag", Op.NE, "b");
			default -> null;
		};
	}

}
