package io.ragwell.store.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.ragwell.store.lucene.StoreFixtures.chunks;
import static io.ragwell.store.lucene.StoreFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LuceneVectorEncodingTests {

	private static final int DIMENSIONS = 64;

	@TempDir
	Path dir;

	private final Random random = new Random(7);

	@Test
	void int8IndexFindsEveryStoredVectorAsItsOwnNearestNeighbourWithANearExactScore() throws IOException {
		List<EmbeddedChunk> stored = new ArrayList<>();
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir, DIMENSIONS, "m", 60, VectorEncoding.INT8)) {
			stored.addAll(write(store, "int8", 300));
			for (EmbeddedChunk probe : stored.subList(0, 50)) {
				List<SearchResult> top = store.search(new SearchRequest("default", probe.vector(), "", 5, null,
						SearchMode.DENSE, 50));
				assertThat(top.getFirst().chunk().id()).isEqualTo(probe.chunk().id());
				// Quantised scores are approximate, but not far off the exact cosine of 1.
				assertThat(top.getFirst().score()).isCloseTo(1.0, within(0.02));
			}
		}
		assertThat(vectorFormats()).containsExactly(VectorEncoding.INT8.format().getName());
	}

	@Test
	void switchingTheEncodingOfAnExistingIndexKeepsOldSegmentsSearchableAndWritesNewOnesInTheNewEncoding()
			throws IOException {
		List<EmbeddedChunk> before;
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir, DIMENSIONS, "m", 60, VectorEncoding.FLOAT32)) {
			before = write(store, "old", 40);
		}
		assertThat(vectorFormats()).containsExactly(VectorEncoding.FLOAT32.format().getName());
		List<EmbeddedChunk> after;
		try (LuceneVectorStore store = new LuceneVectorStore(this.dir, DIMENSIONS, "m", 60, VectorEncoding.INT8)) {
			after = write(store, "new", 40);
			for (EmbeddedChunk probe : List.of(before.getFirst(), before.getLast(), after.getFirst(), after.getLast())) {
				List<SearchResult> top = store.search(new SearchRequest("default", probe.vector(), "", 1, null,
						SearchMode.DENSE, 20));
				assertThat(top.getFirst().chunk().id()).isEqualTo(probe.chunk().id());
			}
			assertThat(store.chunkCount()).isEqualTo(80);
		}
		// New segments are int8; the float ones stay until a merge rewrites them (closing may merge them).
		assertThat(vectorFormats()).contains(VectorEncoding.INT8.format().getName())
			.isSubsetOf(VectorEncoding.INT8.format().getName(), VectorEncoding.FLOAT32.format().getName());
	}

	private List<EmbeddedChunk> write(LuceneVectorStore store, String prefix, int documents) {
		List<EmbeddedChunk> written = new ArrayList<>();
		List<VectorStore.Upsert> upserts = new ArrayList<>();
		for (int d = 0; d < documents; d++) {
			Document document = document("default", prefix + "-" + d, Map.of(), null,
					List.of("text of " + prefix + " " + d));
			List<EmbeddedChunk> chunks = chunks(document, List.of(document.content()), this.random, DIMENSIONS);
			upserts.add(new VectorStore.Upsert(document, chunks));
			written.addAll(chunks);
		}
		// One commit for the lot: a segment, as one ingest request writes.
		store.upsertAll(upserts);
		return written;
	}

	/** The vector format each segment of the index recorded for the vector field. */
	private Set<String> vectorFormats() throws IOException {
		Set<String> formats = new HashSet<>();
		try (FSDirectory directory = FSDirectory.open(this.dir); DirectoryReader reader = DirectoryReader.open(directory)) {
			for (LeafReaderContext leaf : reader.leaves()) {
				FieldInfo field = leaf.reader().getFieldInfos().fieldInfo(LuceneFields.VECTOR);
				if (field != null) {
					formats.add(field.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
				}
			}
		}
		return formats;
	}

}
