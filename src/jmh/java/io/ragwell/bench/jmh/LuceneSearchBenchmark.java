package io.ragwell.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;
import io.ragwell.rank.Fusions;
import io.ragwell.store.lucene.LuceneVectorStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Lucene store's search, top 10 from 50 candidates, and the retriever's hybrid search (100 + 100
 * candidates, weighted fusion to 10) as two searches fused over their results and as the store's own hybrid
 * search (fused over ids, chunks loaded for the top 10 only), over 10k and 100k chunks of
 * SciFact-like text with seeded random unit vectors. The index is built once per size under
 * {@code target/bench/jmh-index-N} and reused by later runs (building 100k HNSW nodes takes minutes on 2
 * cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-modules=jdk.incubator.vector", "-Xmx2g" })
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class LuceneSearchBenchmark {

	private static final int DIMENSIONS = 384;

	private static final int CHUNKS_PER_DOCUMENT = 10;

	/** The retriever's default depth of each list (ragwell.query.candidates). */
	private static final int RETRIEVER_DEPTH = 100;

	private static final HybridFusion WEIGHTED = new HybridFusion(HybridFusion.Method.RELATIVE_SCORE, 60, 0.5,
			RETRIEVER_DEPTH, RETRIEVER_DEPTH);

	@Param({ "10000", "100000" })
	public int chunks;

	private LuceneVectorStore store;

	private final List<float[]> queryVectors = new ArrayList<>();

	private final List<String> queryTexts = new ArrayList<>();

	private int next;

	@Setup
	public void setUp() throws IOException {
		Path dir = Path.of("target", "bench", "jmh-index-" + this.chunks);
		Path complete = dir.resolve("complete");
		if (!Files.exists(complete)) {
			org.apache.lucene.util.IOUtils.rm(dir);
		}
		this.store = new LuceneVectorStore(dir.resolve("index"), DIMENSIONS);
		List<String> sentences = sentences();
		Random random = new Random(11);
		SplittableRandom vectors = new SplittableRandom(13);
		if (!Files.exists(complete)) {
			Instant now = Instant.now();
			List<VectorStore.Upsert> batch = new ArrayList<>();
			for (int d = 0; d < this.chunks / CHUNKS_PER_DOCUMENT; d++) {
				String id = "doc-" + d;
				Document document = new Document(id, "default", "synthetic", Map.of("year", 2000 + d % 25), null, now,
						now);
				List<EmbeddedChunk> embedded = new ArrayList<>();
				for (int c = 0; c < CHUNKS_PER_DOCUMENT; c++) {
					String text = text(random, sentences, 4 + random.nextInt(5));
					Chunk chunk = new Chunk(Chunk.idFor(id, c), id, text, c, document.metadata(), 100, null,
							Integer.toHexString(text.hashCode()));
					embedded.add(new EmbeddedChunk(chunk, BenchText.unitVector(vectors, DIMENSIONS)));
				}
				batch.add(new VectorStore.Upsert(document, embedded));
				if (batch.size() == 500) {
					this.store.upsertAll(batch);
					batch.clear();
				}
			}
			this.store.upsertAll(batch);
			Files.createFile(complete);
		}
		for (int q = 0; q < 256; q++) {
			this.queryVectors.add(BenchText.unitVector(vectors, DIMENSIONS));
			String sentence = sentences.get(random.nextInt(sentences.size()));
			this.queryTexts.add(sentence.substring(0, Math.min(100, sentence.length())));
		}
	}

	private static List<String> sentences() {
		List<String> sentences = new ArrayList<>();
		for (String text : BenchText.abstracts(2000)) {
			for (String sentence : text.split("(?<=[.!?])\\s+")) {
				if (sentence.length() > 20) {
					sentences.add(sentence);
				}
			}
		}
		return sentences;
	}

	private static String text(Random random, List<String> sentences, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
		}
		return text.toString().strip();
	}

	@TearDown
	public void tearDown() {
		this.store.close();
	}

	private SearchRequest request(SearchMode mode) {
		int i = this.next++ & 255;
		return new SearchRequest("default", this.queryVectors.get(i), this.queryTexts.get(i), 10, null, mode, 50);
	}

	@Benchmark
	public List<SearchResult> dense() {
		return this.store.search(request(SearchMode.DENSE));
	}

	@Benchmark
	public List<SearchResult> bm25() {
		return this.store.search(request(SearchMode.SPARSE));
	}

	@Benchmark
	public List<SearchResult> hybrid() {
		return this.store.search(request(SearchMode.HYBRID));
	}

	/**
	 * The retriever's hybrid search as a store without its own fusion runs it: two full searches of 100 (every
	 * candidate's chunk loaded), then weighted fusion to 10.
	 */
	@Benchmark
	public List<SearchResult> retrieverHybridTwoSearches() {
		int i = this.next++ & 255;
		return Fusions.fuse(WEIGHTED, this.store.search(retrieverRequest(i, SearchMode.DENSE)),
				this.store.search(retrieverRequest(i, SearchMode.SPARSE)), 10);
	}

	/** The retriever's hybrid search on Lucene: one store call, chunks loaded for the fused 10 only. */
	@Benchmark
	public List<SearchResult> retrieverHybridFused() {
		int i = this.next++ & 255;
		return this.store.search(new SearchRequest("default", this.queryVectors.get(i), this.queryTexts.get(i), 10, null,
				SearchMode.HYBRID, RETRIEVER_DEPTH, WEIGHTED));
	}

	/** One list as the retriever asks for it: depth 100 kept whole (topK = candidates). */
	private SearchRequest retrieverRequest(int i, SearchMode mode) {
		return new SearchRequest("default", (mode == SearchMode.SPARSE) ? null : this.queryVectors.get(i),
				this.queryTexts.get(i), RETRIEVER_DEPTH, null, mode, RETRIEVER_DEPTH);
	}

}
