package io.ragwell.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.query.retrieve.Fusion;
import io.ragwell.query.retrieve.FusionSettings;
import io.ragwell.store.ListFusion;
import io.ragwell.store.VectorStore;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Indexes written before chunk docs carried the chunk id as a doc value still search correctly: the fused
 * search reads the stored id for docs without the doc value, in segments that lack the field and in merged
 * segments where only some docs have it.
 */
class LuceneChunkIdFallbackTests {

	private static final int DIMENSIONS = 4;

	private static final ListFusion WEIGHTED = new FusionSettings(Fusion.WEIGHTED, 0.5, 60, 1, 1).function();

	private static final ListFusion RRF = new FusionSettings(Fusion.RRF, 0.5, 60, 1, 1).function();

	@TempDir
	Path dir;

	@Test
	void segmentsWrittenWithoutTheIdDocValueAreSearchedThroughTheStoredId() throws IOException {
		Path index = this.dir.resolve("index");
		writeLegacy(index, 0, 12, false);
		try (LuceneVectorStore store = new LuceneVectorStore(index, DIMENSIONS)) {
			add(store, 12, 24);
			assertThat(segmentsWithoutIdValues(index)).isPositive();
			assertThat(leavesWithIdValues(index)).isPositive();
			assertFusedEqualsGenericAndSpansBothGenerations(store);
		}
	}

	@Test
	void mergedSegmentsWhereOnlySomeDocsHaveTheIdDocValueAreSearchedCorrectly() throws IOException {
		Path index = this.dir.resolve("index");
		writeLegacy(index, 0, 12, false);
		// A later writer added the doc value; the merge puts both kinds of doc into one segment.
		writeLegacy(index, 12, 24, true);
		try (IndexWriter writer = new IndexWriter(FSDirectory.open(index), new IndexWriterConfig(new EnglishAnalyzer()))) {
			writer.forceMerge(1);
		}
		assertThat(segmentsWithoutIdValues(index)).isZero();
		assertThat(leavesWithIdValues(index)).isEqualTo(1);
		try (LuceneVectorStore store = new LuceneVectorStore(index, DIMENSIONS)) {
			assertFusedEqualsGenericAndSpansBothGenerations(store);
		}
	}

	private static void assertFusedEqualsGenericAndSpansBothGenerations(LuceneVectorStore store) {
		Random random = new Random(5);
		for (ListFusion fusion : List.of(WEIGHTED, RRF)) {
			// Shallow lists leave chunks in one list only, whose equal fused scores are ordered by chunk id: a
			// wrong id from either generation would show as a wrong order.
			for (int q = 0; q < 20; q++) {
				float[] vector = StoreFixtures.unitVector(random, DIMENSIONS);
				SearchRequest dense = new SearchRequest("default", vector, "beta", 8, null, SearchMode.DENSE, 8);
				SearchRequest sparse = new SearchRequest("default", null, "beta", 8, null, SearchMode.SPARSE, 8);
				assertThat(store.searchFused(dense, sparse, 12, fusion))
					.isEqualTo(fusion.fuse(store.search(dense), store.search(sparse), 12));
			}
			// Deep enough for every chunk of both generations: all 24 come back, whole.
			float[] vector = StoreFixtures.unitVector(random, DIMENSIONS);
			SearchRequest dense = new SearchRequest("default", vector, "alpha", 30, null, SearchMode.DENSE, 30);
			SearchRequest sparse = new SearchRequest("default", null, "alpha", 30, null, SearchMode.SPARSE, 30);
			List<SearchResult> all = store.searchFused(dense, sparse, 30, fusion);
			assertThat(all).isEqualTo(fusion.fuse(store.search(dense), store.search(sparse), 30));
			assertThat(all).hasSize(24);
			assertThat(all).extracting(result -> result.chunk().id())
				.contains("doc-0#0", "doc-11#0", "doc-12#0", "doc-23#0");
			assertThat(all).allSatisfy(result -> assertThat(result.chunk().content()).startsWith("alpha"));
		}
	}

	/** Chunk docs as the store wrote them before the id doc value, optionally with it. */
	private static void writeLegacy(Path index, int from, int to, boolean withIdValue) throws IOException {
		Random random = new Random(from);
		IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
		try (FSDirectory directory = FSDirectory.open(index); IndexWriter writer = new IndexWriter(directory, config)) {
			for (int d = from; d < to; d++) {
				String documentId = "doc-" + d;
				String key = LuceneFields.key("default", documentId);
				String chunkId = documentId + "#0";
				List<IndexableField> fields = new ArrayList<>();
				fields.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_CHUNK, Store.YES));
				fields.add(new StringField(LuceneFields.KEY, key, Store.NO));
				fields.add(new StringField(LuceneFields.NAMESPACE, "default", Store.YES));
				fields.add(new StringField(LuceneFields.ID, chunkId, Store.YES));
				if (withIdValue) {
					fields.add(new SortedDocValuesField(LuceneFields.ID_VALUE, new BytesRef(chunkId)));
				}
				fields.add(new StringField(LuceneFields.DOCUMENT_ID, documentId, Store.YES));
				String text = "alpha " + ((d % 3 == 0) ? "beta " : "") + "gamma " + d;
				fields.add(new TextField(LuceneFields.CONTENT, text, Store.YES));
				fields.add(new StoredField(LuceneFields.POSITION, 0));
				fields.add(new StoredField(LuceneFields.TOKEN_COUNT, 3));
				fields.add(new StoredField(LuceneFields.CONTENT_HASH, "hash-" + d));
				fields.add(new StoredField(LuceneFields.METADATA, "{\"n\":" + d + "}"));
				fields.add(new KnnFloatVectorField(LuceneFields.VECTOR, StoreFixtures.unitVector(random, DIMENSIONS),
						VectorSimilarityFunction.DOT_PRODUCT));
				writer.addDocument(fields);
			}
			writer.commit();
		}
	}

	private static void add(LuceneVectorStore store, int from, int to) {
		Random random = new Random(from);
		List<VectorStore.Upsert> upserts = new ArrayList<>();
		for (int d = from; d < to; d++) {
			Document document = StoreFixtures.document("default", "doc-" + d, Map.of("n", (long) d), null,
					List.of("alpha " + ((d % 3 == 0) ? "beta " : "") + "gamma " + d));
			List<EmbeddedChunk> chunks = StoreFixtures.chunks(document, List.of(document.content()), random, DIMENSIONS);
			upserts.add(new VectorStore.Upsert(document, chunks));
		}
		// One batch, one new segment: the legacy segment stays unmerged beside it.
		store.upsertAll(upserts);
	}

	private static int segmentsWithoutIdValues(Path index) throws IOException {
		int count = 0;
		try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
			for (LeafReaderContext leaf : reader.leaves()) {
				count += (leaf.reader().getSortedDocValues(LuceneFields.ID_VALUE) == null) ? 1 : 0;
			}
		}
		return count;
	}

	private static int leavesWithIdValues(Path index) throws IOException {
		int count = 0;
		try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
			for (LeafReaderContext leaf : reader.leaves()) {
				count += (leaf.reader().getSortedDocValues(LuceneFields.ID_VALUE) != null) ? 1 : 0;
			}
		}
		return count;
	}

}
