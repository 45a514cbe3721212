package io.ragwell.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.ragwell.core.Embedder;
import io.ragwell.core.Tokenizer;

/**
 * The one hand-made {@link Embedder} of the tests: a function from text to vector (each test brings the
 * vectors its assertions need), an optional different function for queries, and a record of what was
 * embedded. Thread-safe, so a Spring context may share it.
 */
public final class FakeEmbedder implements Embedder {

	/** One token per whitespace-separated word, none for blank text: the tests' stand-in for a tokenizer. */
	public static final Tokenizer WORDS = (text) -> {
		String trimmed = text.strip();
		return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
	};

	private final String modelName;

	private final int dimensions;

	private final Function<String, float[]> passages;

	private final Function<String, float[]> queries;

	private final List<String> embeddedPassages = new CopyOnWriteArrayList<>();

	private final List<String> embeddedQueries = new CopyOnWriteArrayList<>();

	private final AtomicInteger batchCalls = new AtomicInteger();

	private FakeEmbedder(String modelName, int dimensions, Function<String, float[]> passages,
			Function<String, float[]> queries) {
		this.modelName = modelName;
		this.dimensions = dimensions;
		this.passages = passages;
		this.queries = queries;
	}

	/** Embeds passages and queries alike with {@code vectors}. */
	public static FakeEmbedder of(String modelName, int dimensions, Function<String, float[]> vectors) {
		return new FakeEmbedder(modelName, dimensions, vectors, vectors);
	}

	/** Every text onto the same vector. */
	public static FakeEmbedder constant(String modelName, float[] vector) {
		return of(modelName, vector.length, (text) -> vector.clone());
	}

	/** This embedder, but embedding queries with {@code queryVectors}. */
	public FakeEmbedder withQueries(Function<String, float[]> queryVectors) {
		return new FakeEmbedder(this.modelName, this.dimensions, this.passages, queryVectors);
	}

	@Override
	public float[] embed(String text) {
		this.embeddedPassages.add(text);
		return this.passages.apply(text);
	}

	@Override
	public float[] embedQuery(String text) {
		this.embeddedQueries.add(text);
		return this.queries.apply(text);
	}

	/** Counts the call, then embeds each text as {@link #embed} does. */
	@Override
	public List<float[]> embedBatch(List<String> texts) {
		this.batchCalls.incrementAndGet();
		return texts.stream().map(this::embed).toList();
	}

	@Override
	public int dimensions() {
		return this.dimensions;
	}

	@Override
	public String modelName() {
		return this.modelName;
	}

	@Override
	public int maxInputTokens() {
		return 512;
	}

	/** The passages embedded, one by one or in batches, in order. */
	public List<String> passages() {
		return List.copyOf(this.embeddedPassages);
	}

	/** The queries embedded, in order. */
	public List<String> queries() {
		return List.copyOf(this.embeddedQueries);
	}

	/** How many times {@link #embedBatch} was called. */
	public int batchCalls() {
		return this.batchCalls.get();
	}

	/** Texts embedded in all: passages and queries. */
	public int calls() {
		return this.embeddedPassages.size() + this.embeddedQueries.size();
	}

}
