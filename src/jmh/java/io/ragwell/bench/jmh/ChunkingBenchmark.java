package io.ragwell.bench.jmh;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.ingest.chunk.TokenAwareChunker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chunking one abstract as the service does (spans counted from one tokenisation's offsets), the same with every
 * span tokenised again (the chunker's fallback for embedders without offsets), and tokenising alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ChunkingBenchmark {

	private OnnxEmbedder embedder;

	private TokenAwareChunker chunker;

	private TokenAwareChunker countingChunker;

	private List<Document> documents;

	private List<String> texts;

	private int next;

	@Setup
	public void setUp() {
		this.embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 32, 1);
		// Small chunks so that the recursive splitter and the overlap logic actually run on abstracts.
		this.chunker = new TokenAwareChunker(this.embedder::countTokens, this.embedder::tokenOffsets, 128, 32);
		this.countingChunker = new TokenAwareChunker(this.embedder::countTokens, 128, 32);
		this.texts = BenchText.abstracts(200);
		Instant now = Instant.now();
		this.documents = this.texts.stream()
			.map((text) -> new Document("d" + text.hashCode(), "default", text, Map.of(), null, now, now))
			.toList();
	}

	@TearDown
	public void tearDown() {
		this.embedder.close();
	}

	@Benchmark
	public List<Chunk> chunkAbstract() {
		return this.chunker.chunk(this.documents.get(this.next++ % this.documents.size()));
	}

	@Benchmark
	public List<Chunk> chunkAbstractCountingEachSpan() {
		return this.countingChunker.chunk(this.documents.get(this.next++ % this.documents.size()));
	}

	@Benchmark
	public int tokenizeAbstract() {
		return this.embedder.countTokens(this.texts.get(this.next++ % this.texts.size()));
	}

}
