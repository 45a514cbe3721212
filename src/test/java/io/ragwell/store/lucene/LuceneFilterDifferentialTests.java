package io.ragwell.store.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.VectorStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter operator, checked against a brute-force evaluation of the same filter over the inserted
 * chunks: the store must return exactly the chunks the reference accepts, no more and no fewer. Half the
 * documents are like files: their chunks carry a {@code page} and a {@code section} of their own.
 */
class LuceneFilterDifferentialTests {

	private static final int DIMENSIONS = 8;

	private static final String NAMESPACE = "filters";

	private static final List<String> CATEGORIES = List.of("alpha", "beta", "gamma", "delta");

	private static final List<String> TAGS = List.of("red", "green", "blue", "x");

	private static final List<String> SOURCES = List.of("a.txt", "b.pdf", "c.html");

	private static final List<String> SECTIONS = List.of("Intro", "Methods", "Results");

	@TempDir
	static Path dir;

	private static LuceneVectorStore store;

	private static final List<Chunk> inserted = new ArrayList<>();

	private static float[] anyVector;

	@BeforeAll
	static void insertChunksWithRandomMetadata() {
		store = new LuceneVectorStore(dir.resolve("index"), DIMENSIONS);
		Random random = new Random(7);
		anyVector = StoreFixtures.unitVector(random, DIMENSIONS);
		List<VectorStore.Upsert> upserts = new ArrayList<>();
		for (int d = 0; d < 80; d++) {
			String source = random.nextInt(4) == 0 ? null : SOURCES.get(random.nextInt(SOURCES.size()));
			// Chunks inherit their document's metadata, which the store filters on once per document.
			Map<String, Object> metadata = randomMetadata(random);
			if (d % 5 == 1) {
				// A caller's own "page", on the document: filters must see it on every chunk of it.
				metadata.put("page", 2L);
			}
			Document document = StoreFixtures.document(NAMESPACE, "doc-" + d, metadata, source, List.of("common"));
			List<EmbeddedChunk> chunks = new ArrayList<>();
			for (int position = 0; position < 5; position++) {
				Map<String, Object> chunkMetadata = document.metadata();
				if (d % 2 == 0) {
					// A file's chunks: each has a page and a section of its own, beyond its document's metadata.
					Map<String, Object> own = new HashMap<>(document.metadata());
					own.putIfAbsent("page", (long) (1 + position / 2));
					own.put("section", SECTIONS.get((d + position) % SECTIONS.size()));
					chunkMetadata = Map.copyOf(own);
				}
				Chunk chunk = StoreFixtures.chunk(document, position, "common words chunk " + position, chunkMetadata);
				chunks.add(new EmbeddedChunk(chunk, StoreFixtures.unitVector(random, DIMENSIONS)));
				inserted.add(chunk);
			}
			upserts.add(new VectorStore.Upsert(document, chunks));
			// The same chunks in another namespace must never leak into results.
			Document twin = StoreFixtures.document("elsewhere", document.id(), metadata, source, List.of("common"));
			upserts.add(new VectorStore.Upsert(twin, chunks));
		}
		// One commit: the documents are what is under test, not 160 fsyncs.
		store.upsertAll(upserts);
	}

	@AfterAll
	static void closeStore() {
		store.close();
	}

	private static Map<String, Object> randomMetadata(Random random) {
		Map<String, Object> metadata = new HashMap<>();
		if (random.nextInt(5) > 0) {
			metadata.put("category", CATEGORIES.get(random.nextInt(CATEGORIES.size())));
		}
		if (random.nextInt(5) > 0) {
			metadata.put("year", 2000L + random.nextInt(10));
		}
		switch (random.nextInt(3)) {
			case 0 -> metadata.put("rating", 1L + random.nextInt(5));
			case 1 -> metadata.put("rating", 1.0 + random.nextInt(9) * 0.5);
			default -> {
			}
		}
		if (random.nextInt(4) > 0) {
			metadata.put("published", random.nextBoolean());
		}
		int tagCount = random.nextInt(4);
		if (tagCount > 0) {
			List<String> tags = new ArrayList<>(TAGS);
			java.util.Collections.shuffle(tags, random);
			metadata.put("tags", List.copyOf(tags.subList(0, tagCount)));
		}
		// Same key, different types: the string "2" is not the number 2.
		switch (random.nextInt(3)) {
			case 0 -> metadata.put("label", String.valueOf(random.nextInt(4)));
			case 1 -> metadata.put("label", (long) random.nextInt(4));
			default -> metadata.put("label", random.nextInt(3) == 0);
		}
		return metadata;
	}

	@Test
	void everyOperatorOnEveryTypeNarrowsExactly() {
		List<MetadataFilter> filters = List.of(eq("category", "beta"), eq("year", 2005L), eq("year", 2005.0),
				eq("rating", 2L), eq("rating", 2.0), eq("rating", 2.5), eq("published", true), eq("published", false),
				eq("tags", "red"), eq("label", "2"), eq("label", 2L), eq("label", true), eq("category", 3L),
				eq("missing", "x"), ne("category", "beta"), ne("rating", 3L), ne("published", true),
				ne("tags", "blue"), ne("missing", 1L), new In("category", List.of("alpha", "gamma"), false),
				new In("rating", List.of(1L, 4.5, 5.0), false), new In("label", List.of("1", 1L, false), false),
				new In("tags", List.of("x", "green"), false), new In("category", List.of("alpha", "gamma"), true),
				new In("tags", List.of("x", "green"), true), new In("label", List.of("1", 1L, false), true),
				cmp("year", Op.GT, 2005L), cmp("year", Op.GTE, 2005L), cmp("year", Op.LT, 2005L),
				cmp("year", Op.LTE, 2005L), cmp("rating", Op.GT, 2.5), cmp("rating", Op.GTE, 2L),
				cmp("rating", Op.LT, 3.0), cmp("rating", Op.LTE, 2.75), cmp("category", Op.GT, "beta"),
				cmp("category", Op.GTE, "beta"), cmp("category", Op.LT, "delta"), cmp("category", Op.LTE, "delta"),
				cmp("tags", Op.LT, "h"), cmp("label", Op.GTE, "2"), cmp("label", Op.GTE, 2L), cmp("year", Op.GT, "2"),
				eq(MetadataFilter.DOCUMENT_ID, "doc-3"), ne(MetadataFilter.DOCUMENT_ID, "doc-3"),
				new In(MetadataFilter.DOCUMENT_ID, List.of("doc-1", "doc-2", "doc-39"), false),
				cmp(MetadataFilter.DOCUMENT_ID, Op.LT, "doc-2"), eq(MetadataFilter.SOURCE, "b.pdf"),
				ne(MetadataFilter.SOURCE, "b.pdf"), new In(MetadataFilter.SOURCE, List.of("a.txt", "c.html"), true),
				cmp(MetadataFilter.SOURCE, Op.GTE, "b"), eq(MetadataFilter.SOURCE, 1L),
				new And(List.of(eq("category", "alpha"), cmp("year", Op.GTE, 2003L))),
				new Or(List.of(eq("category", "alpha"), eq("published", true))),
				new And(List.of(new Or(List.of(eq("tags", "red"), cmp("rating", Op.LT, 2L))),
						ne("category", "delta"), new Or(List.of(ne("year", 2001L), eq(MetadataFilter.SOURCE, "a.txt"))))),
				new Or(List.of(new And(List.of(eq("label", 1L))), new And(List.of(ne("label", "1"), eq("published", false))))),
				// Keys of the chunks' own (a file's page and section), alone and with the documents'.
				eq("page", 2L), eq("page", 3.0), ne("page", 2L), cmp("page", Op.GTE, 2L), cmp("page", Op.LT, 2L),
				new In("page", List.of(1L, 3L), false), new In("page", List.of(1L, 3L), true), eq("section", "Methods"),
				ne("section", "Methods"), cmp("section", Op.GT, "Intro"), new And(List.of(eq("page", 1L),
						eq("section", "Results"))),
				new And(List.of(eq("category", "alpha"), cmp("page", Op.LTE, 2L))),
				new Or(List.of(eq("section", "Intro"), eq("published", true))),
				new And(List.of(ne("page", 1L), new Or(List.of(eq("tags", "red"), eq("section", "Results"))))));

		for (MetadataFilter filter : filters) {
			assertMatchesReference(filter);
		}
	}

	@Test
	void randomFilterTreesNarrowExactly() {
		Random random = new Random(11);
		int narrowing = 0;
		for (int i = 0; i < 300; i++) {
			int matched = assertMatchesReference(randomFilter(random, 3));
			if (matched > 0 && matched < inserted.size()) {
				narrowing++;
			}
		}
		// Guards the generator: filters that match nothing or everything would prove little.
		assertThat(narrowing).isGreaterThan(150);
	}

	/** Asserts both search modes return exactly what the reference accepts; returns how many that is. */
	private static int assertMatchesReference(MetadataFilter filter) {
		Set<String> expected = inserted.stream()
			.filter(chunk -> Reference.accepts(filter, chunk))
			.map(Chunk::id)
			.collect(Collectors.toSet());
		int all = inserted.size();
		Set<String> dense = store
			.search(new SearchRequest(NAMESPACE, anyVector, null, all, filter, SearchMode.DENSE, all))
			.stream()
			.map(result -> result.chunk().id())
			.collect(Collectors.toSet());
		Set<String> sparse = store
			.search(new SearchRequest(NAMESPACE, null, "common", all, filter, SearchMode.SPARSE, all))
			.stream()
			.map(result -> result.chunk().id())
			.collect(Collectors.toSet());
		assertThat(dense).as("dense search filtered by %s", filter).isEqualTo(expected);
		assertThat(sparse).as("sparse search filtered by %s", filter).isEqualTo(expected);
		return expected.size();
	}

	private static MetadataFilter randomFilter(Random random, int depth) {
		int pick = random.nextInt(depth > 0 ? 6 : 4);
		if (pick == 4 || pick == 5) {
			List<MetadataFilter> children = new ArrayList<>();
			int n = 1 + random.nextInt(3);
			for (int i = 0; i < n; i++) {
				children.add(randomFilter(random, depth - 1));
			}
			return pick == 4 ? new And(children) : new Or(children);
		}
		List<String> fields = List.of("category", "year", "rating", "published", "tags", "label", "missing",
				MetadataFilter.DOCUMENT_ID, MetadataFilter.SOURCE, "page", "section");
		String field = fields.get(random.nextInt(fields.size()));
		if (pick == 3) {
			List<Object> values = new ArrayList<>();
			int n = 1 + random.nextInt(3);
			for (int i = 0; i < n; i++) {
				values.add(randomValue(random, field, false));
			}
			return new In(field, values, random.nextBoolean());
		}
		Op op = Op.values()[random.nextInt(Op.values().length)];
		return new Comparison(field, op, randomValue(random, field, op.isRange()));
	}

	private static Object randomValue(Random random, String field, boolean range) {
		int kind = random.nextInt(10);
		if (kind == 0) {
			return range ? (Object) "b" : (Object) Boolean.valueOf(random.nextBoolean());
		}
		return switch (field) {
			case "category" -> CATEGORIES.get(random.nextInt(CATEGORIES.size()));
			case "year" -> random.nextBoolean() ? (Object) (2000L + random.nextInt(10))
					: (Object) (1999.5 + random.nextInt(11));
			case "rating" -> random.nextBoolean() ? (Object) (long) random.nextInt(6)
					: (Object) (random.nextInt(12) * 0.5);
			case "published" -> range ? (Object) 1L : (Object) random.nextBoolean();
			case "tags" -> TAGS.get(random.nextInt(TAGS.size()));
			case "label" -> random.nextBoolean() ? (Object) String.valueOf(random.nextInt(4))
					: (Object) (long) random.nextInt(4);
			case MetadataFilter.DOCUMENT_ID -> "doc-" + random.nextInt(45);
			case MetadataFilter.SOURCE -> SOURCES.get(random.nextInt(SOURCES.size()));
			case "page" -> random.nextBoolean() ? (Object) (1L + random.nextInt(3)) : (Object) (0.5 + random.nextInt(4));
			case "section" -> SECTIONS.get(random.nextInt(SECTIONS.size()));
			default -> "x";
		};
	}

	private static Comparison eq(String field, Object value) {
		return new Comparison(field, Op.EQ, value);
	}

	private static Comparison ne(String field, Object value) {
		return new Comparison(field, Op.NE, value);
	}

	private static Comparison cmp(String field, Op op, Object value) {
		return new Comparison(field, op, value);
	}

	/** The filter semantics, written out naively over a chunk's values. */
	private static final class Reference {

		static boolean accepts(MetadataFilter filter, Chunk chunk) {
			return switch (filter) {
				case And and -> and.filters().stream().allMatch(child -> accepts(child, chunk));
				case Or or -> or.filters().stream().anyMatch(child -> accepts(child, chunk));
				case In in -> in.negated() != in.values().stream().anyMatch(value -> anyEquals(chunk, in.field(), value));
				case Comparison c -> switch (c.op()) {
					case EQ -> anyEquals(chunk, c.field(), c.value());
					case NE -> !anyEquals(chunk, c.field(), c.value());
					default -> values(chunk, c.field()).stream().anyMatch(v -> inRange(v, c.op(), c.value()));
				};
			};
		}

		private static List<Object> values(Chunk chunk, String field) {
			if (field.equals(MetadataFilter.DOCUMENT_ID)) {
				return List.of(chunk.documentId());
			}
			if (field.equals(MetadataFilter.SOURCE)) {
				return (chunk.source() == null) ? List.of() : List.of(chunk.source());
			}
			Object value = chunk.metadata().get(field);
			if (value == null) {
				return List.of();
			}
			return (value instanceof List<?> list) ? List.copyOf(list) : List.of(value);
		}

		private static boolean anyEquals(Chunk chunk, String field, Object operand) {
			return values(chunk, field).stream().anyMatch(value -> same(value, operand));
		}

		private static boolean same(Object value, Object operand) {
			if (value instanceof Number a && operand instanceof Number b) {
				return a.doubleValue() == b.doubleValue();
			}
			return value.getClass() == operand.getClass() && value.equals(operand);
		}

		private static boolean inRange(Object value, Op op, Object operand) {
			@Nullable Integer comparison = null;
			if (value instanceof Number a && operand instanceof Number b) {
				comparison = Double.compare(a.doubleValue(), b.doubleValue());
			}
			else if (value instanceof String a && operand instanceof String b) {
				comparison = a.compareTo(b);
			}
			if (comparison == null) {
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

	}

}
