package io.ragwell.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.HybridFusion;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.rank.Fusions;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An index written in layout 1 (the document record before its chunks, metadata stored and indexed on every
 * chunk, one BM25 field for every namespace, chunk ids as doc values only in later segments) is rewritten in
 * the current layout when the store opens it: documents, chunks and vectors come back unchanged, filters and
 * fused search work, and the layout is recorded so the rewrite happens once.
 */
class LuceneLayoutMigrationTests {

	private static final int DIMENSIONS = 4;

	private static final HybridFusion WEIGHTED = new HybridFusion(HybridFusion.Method.RELATIVE_SCORE, 60, 0.5, 1, 1);

	private static final HybridFusion RRF = HybridFusion.rrf(60, 1);

	@TempDir
	Path dir;

	@Test
	void aLayoutOneIndexIsRewrittenOnOpenAndReadsBackUnchanged() throws IOException {
		Path index = this.dir.resolve("index");
		writeLegacy(index, 0, 12, false);
		writeLegacy(index, 12, 24, true);
		assertThat(layout(index)).isNull();
		try (LuceneVectorStore store = new LuceneVectorStore(index, DIMENSIONS, "model-a", 60)) {
			assertThat(store.chunkCount()).isEqualTo(24);
			StoredDocument stored = store.findDocument("default", "doc-3").orElseThrow();
			assertThat(stored.document().content()).isEqualTo(text(3));
			assertThat(stored.document().metadata()).isEqualTo(Map.of("n", 3L));
			assertThat(stored.chunks()).singleElement().satisfies(chunk -> {
				assertThat(chunk.chunk().content()).isEqualTo(text(3));
				assertThat(chunk.chunk().metadata()).isEqualTo(Map.of("n", 3L));
				assertThat(chunk.vector()).containsExactly(legacyVector(3));
			});
			assertFusedEqualsGenericAndSpansBothGenerations(store);
			SearchRequest filtered = new SearchRequest("default", null, "alpha", 30,
					new MetadataFilter.Comparison("n", MetadataFilter.Op.LT, 5L), SearchMode.SPARSE, 30);
			assertThat(store.search(filtered)).extracting(result -> result.chunk().id())
				.containsExactlyInAnyOrder("doc-0#0", "doc-1#0", "doc-2#0", "doc-3#0", "doc-4#0");
		}
		assertThat(layout(index)).isEqualTo(Integer.toString(LuceneFields.LAYOUT));
		// Opened again, nothing is left to migrate and everything is still there.
		try (LuceneVectorStore store = new LuceneVectorStore(index, DIMENSIONS, "model-a", 60)) {
			assertThat(store.chunkCount()).isEqualTo(24);
			assertThat(store.findDocument("default", "doc-23")).isPresent();
		}
	}

	@Test
	void anIndexOfANewerLayoutIsRefusedWithAMessageThatSaysWhy() throws IOException {
		Path index = this.dir.resolve("index");
		try (FSDirectory directory = FSDirectory.open(index);
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer()))) {
			writer.setLiveCommitData(Map.of(LuceneFields.LAYOUT_KEY, "99").entrySet());
			writer.commit();
		}
		assertThatIllegalStateException().isThrownBy(() -> new LuceneVectorStore(index, DIMENSIONS))
			.withMessageContaining("has layout 99")
			.withMessageContaining("written by a newer version");
	}

	private static void assertFusedEqualsGenericAndSpansBothGenerations(LuceneVectorStore store) {
		Random random = new Random(5);
		for (HybridFusion fusion : List.of(WEIGHTED, RRF)) {
			for (int q = 0; q < 20; q++) {
				float[] vector = StoreFixtures.unitVector(random, DIMENSIONS);
				assertFusedEqualsGeneric(store,
						new SearchRequest("default", vector, "beta", 12, null, SearchMode.HYBRID, 8, fusion));
			}
			float[] vector = StoreFixtures.unitVector(random, DIMENSIONS);
			List<SearchResult> all = assertFusedEqualsGeneric(store,
					new SearchRequest("default", vector, "alpha", 30, null, SearchMode.HYBRID, 30, fusion));
			assertThat(all).hasSize(24);
			assertThat(all).extracting(result -> result.chunk().id())
				.contains("doc-0#0", "doc-11#0", "doc-12#0", "doc-23#0");
			assertThat(all).allSatisfy(result -> {
				assertThat(result.chunk().content()).startsWith("alpha");
				assertThat(result.chunk().metadata()).containsKey("n");
			});
		}
	}

	/** The store's hybrid search equals two plain searches fused over their results. */
	private static List<SearchResult> assertFusedEqualsGeneric(LuceneVectorStore store, SearchRequest hybrid) {
		HybridFusion fusion = hybrid.fusion(60);
		List<SearchResult> fused = store.search(hybrid);
		assertThat(fused).isEqualTo(Fusions.fuse(fusion, store.search(hybrid.denseList(fusion)),
				store.search(hybrid.sparseList(fusion)), hybrid.topK()));
		return fused;
	}

	private static String text(int d) {
		return "alpha " + ((d % 3 == 0) ? "beta " : "") + "gamma " + d;
	}

	private static float[] legacyVector(int d) {
		return StoreFixtures.unitVector(new Random(d), DIMENSIONS);
	}

	/** Documents as layout 1 wrote them: record first, then the chunk, optionally with the id doc value. */
	private static void writeLegacy(Path index, int from, int to, boolean withIdValue) throws IOException {
		IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE);
		try (FSDirectory directory = FSDirectory.open(index); IndexWriter writer = new IndexWriter(directory, config)) {
			for (int d = from; d < to; d++) {
				String documentId = "doc-" + d;
				String key = LuceneFields.key("default", documentId);
				String metadata = "{\"n\":" + d + "}";
				List<IndexableField> record = new ArrayList<>();
				record.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT, Store.YES));
				record.add(new StringField(LuceneFields.KEY, key, Store.NO));
				record.add(new StringField(LuceneFields.NAMESPACE, "default", Store.YES));
				record.add(new StringField(LuceneFields.DOCUMENT_ID, documentId, Store.YES));
				record.add(new StoredField(LuceneFields.DOCUMENT_CONTENT, text(d)));
				record.add(new StoredField(LuceneFields.METADATA, metadata));
				record.add(new StoredField(LuceneFields.CREATED_AT, StoreFixtures.CREATED.toString()));
				record.add(new StoredField(LuceneFields.UPDATED_AT, StoreFixtures.UPDATED.toString()));
				String chunkId = documentId + "#0";
				List<IndexableField> chunk = new ArrayList<>();
				chunk.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_CHUNK, Store.YES));
				chunk.add(new StringField(LuceneFields.KEY, key, Store.NO));
				chunk.add(new StringField(LuceneFields.NAMESPACE, "default", Store.YES));
				chunk.add(new StringField(LuceneFields.ID, chunkId, Store.YES));
				if (withIdValue) {
					chunk.add(new SortedDocValuesField(LuceneFields.ID_VALUE, new BytesRef(chunkId)));
				}
				chunk.add(new StringField(LuceneFields.DOCUMENT_ID, documentId, Store.YES));
				chunk.add(new TextField(LuceneFields.CONTENT, text(d), Store.YES));
				chunk.add(new StoredField(LuceneFields.POSITION, 0));
				chunk.add(new StoredField(LuceneFields.TOKEN_COUNT, 3));
				chunk.add(new StoredField(LuceneFields.CONTENT_HASH, "hash-" + d));
				chunk.add(new StoredField(LuceneFields.METADATA, metadata));
				chunk.add(new DoublePoint(LuceneFields.metadataNumber("n"), d));
				chunk.add(new KnnFloatVectorField(LuceneFields.VECTOR, legacyVector(d),
						VectorSimilarityFunction.DOT_PRODUCT));
				writer.updateDocuments(new org.apache.lucene.index.Term(LuceneFields.KEY, key), List.of(record, chunk));
			}
			writer.commit();
		}
	}

	@Test
	void aLayout2IndexHasItsFileDocumentsRewrittenSoTheirChunksPagesAreFilterable() throws IOException {
		Path index = this.dir.resolve("index");
		IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
		try (FSDirectory directory = FSDirectory.open(index); IndexWriter writer = new IndexWriter(directory, config)) {
			// As layout 2 wrote a file: chunks first with their page stored, not indexed; the record last.
			for (String documentId : List.of("report", "notes")) {
				boolean file = documentId.equals("report");
				String key = LuceneFields.key("default", documentId);
				List<List<IndexableField>> block = new ArrayList<>();
				for (int page = 1; page <= 2; page++) {
					String chunkId = documentId + "#" + (page - 1);
					List<IndexableField> chunk = new ArrayList<>();
					chunk.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_CHUNK, Store.YES));
					chunk.add(new StringField(LuceneFields.KEY, key, Store.NO));
					chunk.add(new StringField(LuceneFields.NAMESPACE, "default", Store.YES));
					chunk.add(new StringField(LuceneFields.ID, chunkId, Store.YES));
					chunk.add(new SortedDocValuesField(LuceneFields.ID_VALUE, new BytesRef(chunkId)));
					chunk.add(new StringField(LuceneFields.DOCUMENT_ID, documentId, Store.YES));
					chunk.add(new StoredField(LuceneFields.CHUNK_TEXT, "alpha page " + page));
					chunk.add(new TextField(LuceneFields.sparse("default"), "alpha page " + page, Store.NO));
					chunk.add(new StoredField(LuceneFields.POSITION, page - 1));
					chunk.add(new StoredField(LuceneFields.TOKEN_COUNT, 3));
					chunk.add(new StoredField(LuceneFields.CONTENT_HASH, "hash-" + page));
					if (file) {
						chunk.add(new StoredField(LuceneFields.CHUNK_METADATA, "{\"page\":" + page + "}"));
					}
					chunk.add(new KnnFloatVectorField(LuceneFields.VECTOR, legacyVector(page),
							VectorSimilarityFunction.DOT_PRODUCT));
					block.add(chunk);
				}
				List<IndexableField> record = new ArrayList<>();
				record.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT, Store.YES));
				record.add(new StringField(LuceneFields.KEY, key, Store.NO));
				record.add(new StringField(LuceneFields.NAMESPACE, "default", Store.YES));
				record.add(new StringField(LuceneFields.DOCUMENT_ID, documentId, Store.YES));
				record.add(new StoredField(LuceneFields.DOCUMENT_CONTENT, "alpha page 1\n\nalpha page 2"));
				record.add(new StoredField(LuceneFields.METADATA, file ? "{\"file_sha256\":\"abc\"}" : "{}"));
				if (file) {
					record.add(new StringField(LuceneFields.metadataString("file_sha256"), "abc", Store.NO));
				}
				record.add(new StoredField(LuceneFields.CREATED_AT, StoreFixtures.CREATED.toString()));
				record.add(new StoredField(LuceneFields.UPDATED_AT, StoreFixtures.UPDATED.toString()));
				block.add(record);
				writer.updateDocuments(new org.apache.lucene.index.Term(LuceneFields.KEY, key), block);
			}
			writer.setLiveCommitData(Map.of(LuceneFields.LAYOUT_KEY, "2").entrySet());
			writer.commit();
		}
		try (LuceneVectorStore store = new LuceneVectorStore(index, DIMENSIONS, "model-a", 60)) {
			SearchRequest secondPage = new SearchRequest("default", null, "alpha", 10,
					new MetadataFilter.Comparison("page", MetadataFilter.Op.EQ, 2L), SearchMode.SPARSE, 10);
			assertThat(store.search(secondPage)).extracting(result -> result.chunk().id())
				.containsExactly("report#1");
			assertThat(store.chunkCount()).isEqualTo(4);
		}
		assertThat(layout(index)).isEqualTo(Integer.toString(LuceneFields.LAYOUT));
	}

	private static String layout(Path index) throws IOException {
		try (FSDirectory directory = FSDirectory.open(index)) {
			return SegmentInfos.readLatestCommit(directory).getUserData().get(LuceneFields.LAYOUT_KEY);
		}
	}

}
