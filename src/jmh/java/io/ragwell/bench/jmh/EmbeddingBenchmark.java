package io.ragwell.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
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
 * Tokenisation + embedding of one {@code embedBatch} call per batch size, chunk-sized texts (about 250
 * tokens) and query-sized ones. Divide the time by {@code batchSize} for the cost per text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class EmbeddingBenchmark {

	@Param({ "1", "8", "32" })
	public int batchSize;

	private OnnxEmbedder embedder;

	private List<String> chunks;

	private List<String> queries;

	@Setup
	public void setUp() {
		this.embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 32, 2);
		List<String> abstracts = BenchText.abstracts(this.batchSize);
		this.chunks = abstracts;
		this.queries = abstracts.stream().map((text) -> text.substring(0, Math.min(80, text.length()))).toList();
	}

	@TearDown
	public void tearDown() {
		this.embedder.close();
	}

	@Benchmark
	public List<float[]> embedChunks() {
		return this.embedder.embedBatch(this.chunks);
	}

	@Benchmark
	public List<float[]> embedQueries() {
		return this.embedder.embedBatch(this.queries);
	}

}
