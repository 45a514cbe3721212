package io.ragwell.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.SentenceVectors;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.rank.Fusions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link VectorStore} must have. A store's test extends this class, supplies a fresh
 * empty store from {@link #createStore()}, and declares the search modes or filters its backend legitimately
 * cannot serve: those must fail with a 400 ({@link InvalidRequestException}) naming the store, never with a
 * silently empty or wrong result.
 *
 * <p>Vectors are seeded, unit length and {@link #DIMENSIONS}-dimensional, so no embedding model is needed:
 * the "obviously right" chunk for a dense query is the one whose own vector is the query. Filters are checked
 * against a brute-force evaluation ({@link #accepts}) of the same semantics as the Lucene store over a small
 * fixed corpus whose documents lack some fields, hold lists, and mix longs and doubles.
 */
public abstract class VectorStoreContractTests {

	protected static final int DIMENSIONS = 8;

	protected static final String NS = "default";

	protected static final String OTHER_NS = "tenant-b";

	protected static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");

	protected static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06Z");

	protected VectorStore store;

	/** Every chunk of the fixed corpus, by chunk id, once {@link #upsertCorpus()} ran. */
	private final Map<String, EmbeddedChunk> corpus = new LinkedHashMap<>();

	/** A fresh, empty store holding {@link #DIMENSIONS}-dimensional vectors. */
	protected abstract VectorStore createStore() throws Exception;

	/** The store's name as its rejections spell it, e.g. {@code weaviate}. */
	protected abstract String storeName();

	/** Whether BM25 ({@link SearchMode#SPARSE}) search is available. */
	protected boolean supportsSparse() {
		return true;
	}

	/**
	 * Whether a HYBRID search fuses its lists as the request's fusion describes; false for a store with its own
	 * hybrid query (Weaviate). A store without BM25 ({@link #supportsSparse()} false) must answer with its dense
	 * ranking instead.
	 */
	protected boolean appliesTheRequestedFusion() {
		return true;
	}

	/** Whether range operators work on string values (not only numbers). */
	protected boolean supportsStringRanges() {
		return true;
	}

	/** Releases what {@link #createStore()} opened; closes {@link AutoCloseable} stores by default. */
	protected void closeStore(VectorStore store) throws Exception {
		if (store instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@BeforeEach
	void openStore() throws Exception {
		this.store = createStore();
	}

	@AfterEach
	void releaseStore() throws Exception {
		// Null when createStore() skipped the test (no server here): nothing was opened.
		if (this.store != null) {
			closeStore(this.store);
		}
	}

	// ---- fixtures -------------------------------------------------------------------------------------------

	/** A random direction: Gaussian components, L2-normalised. */
	protected static float[] unitVector(Random random) {
		float[] vector = new float[DIMENSIONS];
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		float scale = (float) (1.0 / Math.sqrt(norm));
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	protected static Document document(String namespace, String id, Map<String, Object> metadata,
			@Nullable String source, List<String> texts) {
		return new Document(id, namespace, String.join("\n\n", texts), metadata, source, CREATED, UPDATED);
	}

	protected static List<EmbeddedChunk> chunks(Document document, List<String> texts, Random random) {
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			String text = texts.get(i);
			Chunk chunk = new Chunk(Chunk.idFor(document.id(), i), document.id(), text, i, document.metadata(),
					text.split("\\s+").length, document.source(), "hash-" + text.hashCode());
			chunks.add(new EmbeddedChunk(chunk, unitVector(random)));
		}
		return chunks;
	}

	private static Map<String, Object> meta(Object... keyValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

	/**
	 * Six documents, fourteen chunks, in {@link #NS}. Each key has one type across the corpus (remote stores
	 * type their properties), some documents lack some keys (so NE/NIN must match absence), {@code tags} is a
	 * list, {@code year} holds longs and {@code rating} doubles. Every chunk text has a unique marker word.
	 */
	protected List<VectorStore.Upsert> corpusUpserts() {
		Random random = new Random(20260611L);
		List<VectorStore.Upsert> upserts = new ArrayList<>();
		add(upserts, random, "cats", meta("topic", "pets", "year", 2024L, "rating", 4.5, "draft", false, "tags",
				List.of("animal", "home")), "cats.md",
				List.of("Cats purr when content; marker alphacat.", "Kittens chase string; marker betakitten."));
		add(upserts, random, "dogs", meta("topic", "pets", "year", 2022L, "rating", 3.0, "draft", true, "tags",
				List.of("animal")), "dogs.md",
				List.of("Dogs bark at strangers; marker gammadog.", "Puppies sleep a lot; marker deltapuppy.",
						"Leashes keep walks safe; marker epsilonleash."));
		add(upserts, random, "rockets", meta("topic", "space", "year", 2020L, "rating", 5.0, "draft", false),
				"https://example.org/rockets",
				List.of("Rockets burn kerosene; marker zetarocket.", "Launch delayed by wind; marker etalaunch."));
		add(upserts, random, "moon", meta("topic", "space", "year", 2025L, "tags", List.of("home", "science")), null,
				List.of("The moon has no air; marker thetamoon.", "Craters cover its face; marker iotacrater."));
		add(upserts, random, "bread", meta("topic", "food", "rating", 2.5, "draft", true), "bread.txt",
				List.of("Bread needs yeast; marker kappabread.", "Ovens bake loaves; marker lambdaoven.",
						"Flour dusts the table; marker muflour."));
		add(upserts, random, "notes", meta(), null, List.of("Loose notes without metadata; marker nunotes.",
				"Another stray line; marker xistray."));
		return upserts;
	}

	private static void add(List<VectorStore.Upsert> upserts, Random random, String id, Map<String, Object> metadata,
			@Nullable String source, List<String> texts) {
		Document document = document(NS, id, metadata, source, texts);
		upserts.add(new VectorStore.Upsert(document, chunks(document, texts, random)));
	}

	protected void upsertCorpus() {
		List<VectorStore.Upsert> upserts = corpusUpserts();
		this.store.upsertAll(upserts);
		upserts.forEach(upsert -> upsert.chunks().forEach(chunk -> this.corpus.put(chunk.chunk().id(), chunk)));
	}

	private EmbeddedChunk corpusChunk(String id) {
		return Objects.requireNonNull(this.corpus.get(id), id);
	}

	protected static SearchRequest dense(String namespace, float[] vector, int topK, @Nullable MetadataFilter filter) {
		return new SearchRequest(namespace, vector, null, topK, filter, SearchMode.DENSE, topK);
	}

	private static List<String> ids(List<SearchResult> results) {
		return results.stream().map(result -> result.chunk().id()).toList();
	}

	// ---- upsert, find, replace, delete ---------------------------------------------------------------------

	@Test
	void upsertedDocumentIsFoundWithItsChunksAndVectors() {
		List<String> texts = List.of("First chunk text; marker omicronfirst.", "Second chunk text; marker pisecond.");
		Document document = document(NS, "doc-1", meta("topic", "pets", "year", 2024L, "rating", 4.5, "draft", true,
				"tags", List.of("a", "b")), "doc-1.md", texts);
		List<EmbeddedChunk> chunks = chunks(document, texts, new Random(1));
		this.store.upsertChunks(document, chunks);

		StoredDocument found = this.store.findDocument(NS, "doc-1").orElseThrow();
		assertThat(found.document()).isEqualTo(document);
		assertThat(found.chunks()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			EmbeddedChunk actual = found.chunks().get(i);
			assertThat(actual.chunk()).isEqualTo(chunks.get(i).chunk());
			assertThat(actual.vector()).containsExactly(chunks.get(i).vector(),
					org.assertj.core.data.Offset.offset(1e-6f));
		}
		assertThat(this.store.chunkCount()).isEqualTo(2);

		List<SearchResult> results = this.store.search(dense(NS, chunks.get(1).vector(), 2, null));
		assertThat(ids(results)).containsExactly("doc-1#1", "doc-1#0");
		assertThat(results.get(0).chunk()).isEqualTo(chunks.get(1).chunk());
		assertThat(results.get(0).rank()).isEqualTo(1);
		assertThat(results.get(1).rank()).isEqualTo(2);
		assertThat(results.get(0).score()).isGreaterThan(results.get(1).score());
		assertThat(results.get(0).denseScore()).isNotNull();
	}

	@Test
	void sentenceVectorsRoundTripWhereTheStoreKeepsThemAndAreDroppedCleanlyWhereNot() {
		List<String> texts = List.of("Cats purr. Kittens chase string; marker sentencecats.",
				"One sentence only; marker sentenceone.");
		Document document = document(NS, "doc-sv", meta("topic", "pets"), null, texts);
		Random random = new Random(3);
		List<EmbeddedChunk> plain = chunks(document, texts, random);
		SentenceVectors two = SentenceVectors.of(new int[] { 0, 10, 11, 53 },
				new float[][] { unitVector(random), unitVector(random) }, DIMENSIONS);
		List<EmbeddedChunk> chunks = List.of(
				new EmbeddedChunk(plain.get(0).chunk().withSentenceVectors(two), plain.get(0).vector()),
				plain.get(1));
		this.store.upsertChunks(document, chunks);

		StoredDocument found = this.store.findDocument(NS, "doc-sv").orElseThrow();
		SearchResult top = this.store.search(dense(NS, chunks.get(0).vector(), 1, null)).getFirst();

		assertThat(top.chunk().id()).isEqualTo("doc-sv#0");
		assertThat(found.chunks().get(1).chunk().sentenceVectors()).isNull();
		if (this.store.keepsSentenceVectors()) {
			assertThat(found.chunks().get(0).chunk().sentenceVectors()).isEqualTo(two);
			assertThat(top.chunk()).isEqualTo(chunks.get(0).chunk());
			assertThat(top.chunk().sentenceVectors().vector(1)).containsExactly(two.vector(1));
		}
		else {
			assertThat(found.chunks().get(0).chunk()).isEqualTo(chunks.get(0).chunk().withSentenceVectors(null));
			assertThat(top.chunk().sentenceVectors()).isNull();
		}
	}

	@Test
	void findingAMissingDocumentIsEmpty() {
		assertThat(this.store.findDocument(NS, "nothing-here")).isEmpty();
	}

	@Test
	void reUpsertWithFewerChunksReplacesTheOldOnes() {
		Random random = new Random(2);
		List<String> before = List.of("Old one; marker rhoold.", "Old two; marker sigmaold.", "Old three; marker tauold.");
		Document original = document(NS, "doc-r", meta("topic", "old"), null, before);
		List<EmbeddedChunk> oldChunks = chunks(original, before, random);
		this.store.upsertChunks(original, oldChunks);

		List<String> after = List.of("New only chunk; marker upsilonnew.");
		Document replaced = new Document("doc-r", NS, after.get(0), meta("topic", "new"), "new.md", CREATED,
				UPDATED.plusSeconds(60));
		List<EmbeddedChunk> newChunks = chunks(replaced, after, random);
		this.store.upsertChunks(replaced, newChunks);

		StoredDocument found = this.store.findDocument(NS, "doc-r").orElseThrow();
		assertThat(found.document()).isEqualTo(replaced);
		assertThat(found.chunks()).extracting(chunk -> chunk.chunk().id()).containsExactly("doc-r#0");
		assertThat(found.chunks().get(0).chunk().content()).isEqualTo(after.get(0));
		assertThat(this.store.chunkCount()).isEqualTo(1);
		// The old third chunk's own vector must find nothing but the new chunk.
		assertThat(ids(this.store.search(dense(NS, oldChunks.get(2).vector(), 10, null)))).containsExactly("doc-r#0");
		assertThat(this.store.search(dense(NS, oldChunks.get(0).vector(), 10,
				new Comparison("topic", Op.EQ, "old")))).isEmpty();
	}

	@Test
	void upsertAllStoresEveryDocument() {
		upsertCorpus();
		assertThat(this.store.chunkCount()).isEqualTo(14);
		for (VectorStore.Upsert upsert : corpusUpserts()) {
			StoredDocument found = this.store.findDocument(NS, upsert.document().id()).orElseThrow();
			assertThat(found.document()).isEqualTo(upsert.document());
			assertThat(found.chunks()).extracting(EmbeddedChunk::chunk)
				.containsExactlyElementsOf(upsert.chunks().stream().map(EmbeddedChunk::chunk).toList());
		}
	}

	@Test
	void deleteRemovesTheDocumentFromFindAndSearch() {
		upsertCorpus();
		assertThat(this.store.delete(NS, "dogs")).isTrue();
		assertThat(this.store.findDocument(NS, "dogs")).isEmpty();
		assertThat(this.store.chunkCount()).isEqualTo(11);
		List<SearchResult> results = this.store.search(dense(NS, corpusChunk("dogs#1").vector(), 20, null));
		assertThat(ids(results)).hasSize(11).noneMatch(id -> id.startsWith("dogs#"));
		assertThat(this.store.delete(NS, "dogs")).isFalse();
		assertThat(this.store.delete(NS, "never-existed")).isFalse();
		assertThat(this.store.findDocument(NS, "cats")).isPresent();
	}

	// ---- ranking --------------------------------------------------------------------------------------------

	@Test
	void denseSearchRanksTheChunkWithTheQueryVectorFirst() {
		upsertCorpus();
		for (String id : List.of("cats#1", "rockets#0", "bread#2", "notes#1")) {
			List<SearchResult> results = this.store.search(dense(NS, corpusChunk(id).vector(), 3, null));
			assertThat(results).hasSize(3);
			assertThat(results.get(0).chunk().id()).isEqualTo(id);
			assertThat(results.get(0).denseScore()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
			assertThat(results).extracting(SearchResult::rank).containsExactly(1, 2, 3);
			assertThat(results).extracting(SearchResult::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		}
	}

	@Test
	void sparseSearchRanksTheChunkWithTheQueryWordFirst() {
		upsertCorpus();
		SearchRequest request = new SearchRequest(NS, null, "what about zetarocket", 5, null, SearchMode.SPARSE, 5);
		if (!supportsSparse()) {
			assertRejected(() -> this.store.search(request));
			return;
		}
		List<SearchResult> results = this.store.search(request);
		assertThat(results).isNotEmpty();
		assertThat(results.get(0).chunk().id()).isEqualTo("rockets#0");
		assertThat(results.get(0).sparseScore()).isNotNull().isPositive();
		assertThat(results.get(0).rank()).isEqualTo(1);
	}

	@Test
	void hybridSearchRanksTheChunkBothListsAgreeOnFirst() {
		upsertCorpus();
		SearchRequest request = new SearchRequest(NS, corpusChunk("moon#1").vector(), "iotacrater", 3, null,
				SearchMode.HYBRID, 10);
		List<SearchResult> results = this.store.search(request);
		assertThat(results).hasSizeLessThanOrEqualTo(3).isNotEmpty();
		assertThat(results.get(0).chunk().id()).isEqualTo("moon#1");
		assertThat(results).extracting(SearchResult::rank).startsWith(1);
	}

	@Test
	void hybridSearchFindsALexicalMatchTheVectorMisses() {
		if (!supportsSparse()) {
			return;
		}
		upsertCorpus();
		// The vector points at cats#0; the word names bread#1. Fusion must surface both within the top 3.
		SearchRequest request = new SearchRequest(NS, corpusChunk("cats#0").vector(), "lambdaoven", 3, null,
				SearchMode.HYBRID, 14);
		assertThat(ids(this.store.search(request))).contains("cats#0", "bread#1");
	}

	@Test
	void hybridSearchFusesAsTheRequestDescribes() {
		upsertCorpus();
		float[] vector = corpusChunk("cats#0").vector();
		for (HybridFusion fusion : List.of(new HybridFusion(HybridFusion.Method.RELATIVE_SCORE, 60, 0.3, 12, 6),
				new HybridFusion(HybridFusion.Method.RRF, 2, 0.5, 5, 14))) {
			SearchRequest request = new SearchRequest(NS, vector, "lambdaoven marker", 5, null, SearchMode.HYBRID, 1,
					fusion);
			List<SearchResult> results = this.store.search(request);
			assertThat(results).as(fusion.toString()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
			if (!supportsSparse()) {
				assertThat(results).isEqualTo(this.store.search(dense(NS, vector, 5, null)));
			}
			else if (appliesTheRequestedFusion()) {
				// Exactly the fusion of the two lists, each read to its own depth.
				assertThat(results).as(fusion.toString())
					.isEqualTo(Fusions.fuse(fusion, this.store.search(request.denseList(fusion)),
							this.store.search(request.sparseList(fusion)), 5));
			}
		}
	}

	// ---- filters --------------------------------------------------------------------------------------------

	static Stream<Arguments> filters() {
		return Stream.of(Arguments.of("eq string", new Comparison("topic", Op.EQ, "pets")),
				Arguments.of("eq long", new Comparison("year", Op.EQ, 2024L)),
				Arguments.of("eq double against longs", new Comparison("year", Op.EQ, 2022.0)),
				Arguments.of("eq double", new Comparison("rating", Op.EQ, 4.5)),
				Arguments.of("eq boolean true", new Comparison("draft", Op.EQ, true)),
				Arguments.of("eq boolean false", new Comparison("draft", Op.EQ, false)),
				Arguments.of("eq list element", new Comparison("tags", Op.EQ, "home")),
				Arguments.of("ne string (matches absence)", new Comparison("topic", Op.NE, "pets")),
				Arguments.of("ne boolean (matches absence)", new Comparison("draft", Op.NE, true)),
				Arguments.of("ne list element", new Comparison("tags", Op.NE, "animal")),
				Arguments.of("in strings", new In("topic", List.of("space", "food"), false)),
				Arguments.of("in numbers", new In("year", List.of(2020L, 2025L), false)),
				Arguments.of("in list elements", new In("tags", List.of("science", "nothing"), false)),
				Arguments.of("nin strings (matches absence)", new In("topic", List.of("pets", "space"), true)),
				Arguments.of("gt", new Comparison("year", Op.GT, 2022L)),
				Arguments.of("gte", new Comparison("year", Op.GTE, 2022L)),
				Arguments.of("lt double", new Comparison("rating", Op.LT, 4.5)),
				Arguments.of("lte double", new Comparison("rating", Op.LTE, 4.5)),
				Arguments.of("range between", new And(List.of(new Comparison("year", Op.GTE, 2021L),
						new Comparison("year", Op.LT, 2025L)))),
				Arguments.of("document_id eq", new Comparison(MetadataFilter.DOCUMENT_ID, Op.EQ, "bread")),
				Arguments.of("document_id in", new In(MetadataFilter.DOCUMENT_ID, List.of("cats", "notes"), false)),
				Arguments.of("document_id ne", new Comparison(MetadataFilter.DOCUMENT_ID, Op.NE, "dogs")),
				Arguments.of("source eq", new Comparison(MetadataFilter.SOURCE, Op.EQ, "https://example.org/rockets")),
				Arguments.of("source nin (matches absence)",
						new In(MetadataFilter.SOURCE, List.of("cats.md", "dogs.md"), true)),
				Arguments.of("nested and/or",
						new Or(List.of(
								new And(List.of(new Comparison("topic", Op.EQ, "pets"),
										new Comparison("draft", Op.EQ, true))),
								new And(List.of(new Comparison("topic", Op.EQ, "space"),
										new Or(List.of(new Comparison("rating", Op.GTE, 5.0),
												new Comparison("tags", Op.EQ, "science")))))))),
				Arguments.of("and with nothing left", new And(List.of(new Comparison("topic", Op.EQ, "pets"),
						new Comparison("topic", Op.EQ, "space")))),
				Arguments.of("value nobody has", new Comparison("topic", Op.EQ, "gardening")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("filters")
	void filterNarrowsResultsToExactlyTheMatchingChunks(String name, MetadataFilter filter) {
		upsertCorpus();
		Set<String> expected = this.corpus.values()
			.stream()
			.map(EmbeddedChunk::chunk)
			.filter(chunk -> accepts(filter, chunk))
			.map(Chunk::id)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		List<SearchResult> results = this.store.search(dense(NS, unitVector(new Random(99)), 50, filter));
		assertThat(ids(results)).as(name).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void filterAppliesToSparseAndHybridSearchToo() {
		upsertCorpus();
		MetadataFilter pets = new Comparison("topic", Op.EQ, "pets");
		SearchRequest hybrid = new SearchRequest(NS, corpusChunk("rockets#0").vector(), "zetarocket gammadog", 20,
				pets, SearchMode.HYBRID, 20);
		assertThat(ids(this.store.search(hybrid))).isNotEmpty()
			.allMatch(id -> id.startsWith("cats#") || id.startsWith("dogs#"));
		if (supportsSparse()) {
			SearchRequest sparse = new SearchRequest(NS, null, "zetarocket gammadog", 20, pets, SearchMode.SPARSE, 20);
			assertThat(ids(this.store.search(sparse))).containsExactly("dogs#0");
		}
	}

	@Test
	void stringRangesCompareByCodePointOrderOrAreRejected() {
		upsertCorpus();
		MetadataFilter filter = new Comparison("topic", Op.GT, "pets");
		if (!supportsStringRanges()) {
			assertRejected(() -> this.store.search(dense(NS, unitVector(new Random(3)), 50, filter)));
			return;
		}
		assertThat(ids(this.store.search(dense(NS, unitVector(new Random(3)), 50, filter))))
			.containsExactlyInAnyOrder("rockets#0", "rockets#1", "moon#0", "moon#1");
	}

	/**
	 * The reference semantics (those of the Lucene store): EQ/IN match when some value of the (possibly
	 * multi-valued) field equals; numbers compare as doubles; types never match across; NE/NIN are exact
	 * negations and so match chunks lacking the field; ranges never match absent fields or other types.
	 */
	protected static boolean accepts(MetadataFilter filter, Chunk chunk) {
		return switch (filter) {
			case Comparison comparison -> switch (comparison.op()) {
				case EQ -> values(chunk, comparison.field()).stream().anyMatch(v -> same(v, comparison.value()));
				case NE -> values(chunk, comparison.field()).stream().noneMatch(v -> same(v, comparison.value()));
				case GT, GTE, LT, LTE -> values(chunk, comparison.field()).stream()
					.anyMatch(v -> inRange(v, comparison.op(), comparison.value()));
			};
			case In in -> {
				boolean any = values(chunk, in.field()).stream()
					.anyMatch(v -> in.values().stream().anyMatch(operand -> same(v, operand)));
				yield in.negated() != any;
			}
			case And and -> and.filters().stream().allMatch(child -> accepts(child, chunk));
			case Or or -> or.filters().stream().anyMatch(child -> accepts(child, chunk));
		};
	}

	private static List<Object> values(Chunk chunk, String field) {
		if (MetadataFilter.DOCUMENT_ID.equals(field)) {
			return List.of(chunk.documentId());
		}
		if (MetadataFilter.SOURCE.equals(field)) {
			return (chunk.source() == null) ? List.of() : List.of(chunk.source());
		}
		Object value = chunk.metadata().get(field);
		if (value == null) {
			return List.of();
		}
		return (value instanceof Collection<?> list) ? List.copyOf(list) : List.of(value);
	}

	private static boolean same(Object value, Object operand) {
		if (value instanceof Number a && operand instanceof Number b) {
			return a.doubleValue() == b.doubleValue();
		}
		return value.equals(operand);
	}

	private static boolean inRange(Object value, Op op, Object operand) {
		int comparison;
		if (value instanceof Number a && operand instanceof Number b) {
			comparison = Double.compare(a.doubleValue(), b.doubleValue());
		}
		else if (value instanceof String a && operand instanceof String b) {
			comparison = a.compareTo(b);
		}
		else {
			return false;
		}
		return switch (op) {
			case GT -> comparison > 0;
			case GTE -> comparison >= 0;
			case LT -> comparison < 0;
			case LTE -> comparison <= 0;
			default -> throw new IllegalArgumentException(op.toString());
		};
	}

	// ---- namespaces, topK, health ---------------------------------------------------------------------------

	@Test
	void namespacesIsolateSearchFindAndDelete() {
		Random random = new Random(5);
		List<String> textsA = List.of("Tenant A secret; marker chialpha.");
		List<String> textsB = List.of("Tenant B secret; marker psibeta.", "Tenant B more; marker omegabeta.");
		Document a = document(NS, "shared-id", meta("topic", "a"), null, textsA);
		Document b = document(OTHER_NS, "shared-id", meta("topic", "b"), null, textsB);
		List<EmbeddedChunk> chunksA = chunks(a, textsA, random);
		List<EmbeddedChunk> chunksB = chunks(b, textsB, random);
		this.store.upsertChunks(a, chunksA);
		this.store.upsertChunks(b, chunksB);
		assertThat(this.store.chunkCount()).isEqualTo(3);

		List<SearchResult> inA = this.store.search(dense(NS, chunksB.get(0).vector(), 10, null));
		assertThat(inA).extracting(result -> result.chunk().content()).containsExactly(textsA.get(0));
		if (supportsSparse()) {
			assertThat(this.store.search(new SearchRequest(NS, null, "psibeta", 10, null, SearchMode.SPARSE, 10)))
				.isEmpty();
		}
		assertThat(this.store.findDocument(NS, "shared-id").orElseThrow().document()).isEqualTo(a);
		assertThat(this.store.findDocument(OTHER_NS, "shared-id").orElseThrow().document()).isEqualTo(b);

		assertThat(this.store.delete(NS, "shared-id")).isTrue();
		assertThat(this.store.findDocument(NS, "shared-id")).isEmpty();
		Optional<StoredDocument> stillB = this.store.findDocument(OTHER_NS, "shared-id");
		assertThat(stillB).isPresent();
		assertThat(stillB.get().chunks()).hasSize(2);
		assertThat(this.store.search(dense(OTHER_NS, chunksA.get(0).vector(), 10, null))).hasSize(2);
		assertThat(this.store.search(dense("empty-tenant", chunksA.get(0).vector(), 10, null))).isEmpty();
	}

	@Test
	void topKBoundsTheResults() {
		upsertCorpus();
		float[] query = corpusChunk("dogs#2").vector();
		List<SearchResult> one = this.store.search(dense(NS, query, 1, null));
		assertThat(ids(one)).containsExactly("dogs#2");
		List<SearchResult> all = this.store.search(dense(NS, query, 100, null));
		assertThat(all).hasSize(14);
		assertThat(ids(all)).doesNotHaveDuplicates();
		assertThat(all).extracting(SearchResult::rank)
			.containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(14).toList());
		SearchRequest hybrid = new SearchRequest(NS, query, "epsilonleash", 1, null, SearchMode.HYBRID, 1);
		assertThat(ids(this.store.search(hybrid))).containsExactly("dogs#2");
		if (supportsSparse()) {
			SearchRequest sparse = new SearchRequest(NS, null, "marker", 100, null, SearchMode.SPARSE, 100);
			assertThat(this.store.search(sparse)).hasSize(14);
		}
	}

	@Test
	void healthIsUp() {
		Health health = this.store.healthCheck();
		assertThat(health.up()).as(health.details().toString()).isTrue();
	}

	/** The call fails with a 400 naming this store, never with a silent or wrong result. */
	protected void assertRejected(Runnable call) {
		assertThatThrownBy(call::run).isInstanceOf(InvalidRequestException.class)
			.message()
			.containsIgnoringCase(storeName());
	}

}
