package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.ragwell.core.Document;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** {@code ragwell.store.lucene.bm25.*}: the parameters rank the sparse list, and apply to an existing index. */
class LuceneBm25ParametersTests {

	private static final int DIMENSIONS = 8;

	// "short" says apple once in two words; "long" twice in twenty. Lengths under 24 are stored exactly.
	private static final String SHORT = "apple pie";

	private static final String LONG = "apple apple "
			+ IntStream.range(0, 18).mapToObj(i -> "filler" + (char) ('a' + i))
				.collect(Collectors.joining(" "));

	@TempDir
	Path dir;

	@Test
	void fullLengthNormalisationRanksTheShortChunkFirstAndNoneRanksTheRepeatedTermFirst() {
		Path index = this.dir.resolve("index");
		try (LuceneVectorStore store = open(index, 1.2f, 1.0f)) {
			write(store);
			assertThat(sparseOrder(store)).containsExactly("short", "long");
		}
		// Reopened with b = 0 and nothing rewritten: length no longer counts, two occurrences beat one.
		try (LuceneVectorStore store = open(index, 1.2f, 0.0f)) {
			assertThat(sparseOrder(store)).containsExactly("long", "short");
		}
	}

	@Test
	void theParametersChangeTheScoresAsBm25Says() {
		try (LuceneVectorStore defaults = open(this.dir.resolve("a"), 1.2f, 0.75f);
				LuceneVectorStore anserini = open(this.dir.resolve("b"), 0.9f, 0.4f)) {
			write(defaults);
			write(anserini);
			SearchResult shortDefault = first(defaults, "short");
			SearchResult shortAnserini = first(anserini, "short");
			// One term: the idf cancels in the ratio of the two chunks' scores, which leaves BM25's tf part.
			double ratioDefault = shortDefault.score() / first(defaults, "long").score();
			double ratioAnserini = shortAnserini.score() / first(anserini, "long").score();
			assertThat(ratioDefault).isCloseTo(tf(1, 2, 1.2, 0.75) / tf(2, 20, 1.2, 0.75),
					within(1e-4));
			assertThat(ratioAnserini).isCloseTo(tf(1, 2, 0.9, 0.4) / tf(2, 20, 0.9, 0.4),
					within(1e-4));
			assertThat(ratioAnserini).isLessThan(ratioDefault);
		}
	}

	@Test
	void refusesParametersOutsideTheirRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> open(this.dir.resolve("c"), 1.2f, 1.5f))
			.withMessageContaining("b 0 to 1");
		assertThatIllegalArgumentException().isThrownBy(() -> open(this.dir.resolve("d"), -0.1f, 0.5f))
			.withMessageContaining("k1 must be 0 to 10");
	}

	// BM25's tf part, freq / (freq + k1 (1 - b + b length / avgdl)); avgdl is (2 + 20) / 2.
	private static double tf(int freq, int length, double k1, double b) {
		double averageLength = 11.0;
		return freq / (freq + k1 * (1 - b + b * length / averageLength));
	}

	private static LuceneVectorStore open(Path index, float k1, float b) {
		return new LuceneVectorStore(index, DIMENSIONS, null, 60, VectorEncoding.FLOAT32, k1, b);
	}

	private static void write(LuceneVectorStore store) {
		Random random = new Random(7);
		for (String id : List.of("short", "long")) {
			List<String> texts = List.of("short".equals(id) ? SHORT : LONG);
			Document document = StoreFixtures.document("default", id, Map.of(), null, texts);
			store.upsertChunks(document, StoreFixtures.chunks(document, texts, random, DIMENSIONS));
		}
	}

	private static List<String> sparseOrder(LuceneVectorStore store) {
		return search(store).stream().map(result -> result.chunk().documentId()).toList();
	}

	private static SearchResult first(LuceneVectorStore store, String documentId) {
		return search(store).stream().filter(result -> result.chunk().documentId().equals(documentId)).findFirst()
			.orElseThrow();
	}

	private static List<SearchResult> search(LuceneVectorStore store) {
		return store.search(new SearchRequest("default", null, "apple", 5, null, SearchMode.SPARSE, 5));
	}

}
