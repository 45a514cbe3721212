package io.ragwell.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.ingest.chunk.TokenAwareChunker;

/**
 * Ragwell's {@link OnnxEmbedder} against raw ONNX Runtime ({@link RawOnnx}) on the same SciFact chunk texts,
 * alternating for several rounds so that drift on a shared machine hits both alike. Prints texts/s and process
 * CPU per text for each pass; the embedder gets one request-sized batch (32 documents' chunks) per call, from
 * one caller. Usage: {@code EmbedderVsRaw DOCUMENTS ROUNDS [SHARED_DIR]} (docs/PERFORMANCE.md).
 */
final class EmbedderVsRaw {

	public static void main(String[] args) throws Exception {
		int docsLimit = Integer.parseInt(args[0]);
		int rounds = Integer.parseInt(args[1]);
		Path shared = Path.of(args.length > 2 ? args[2] : "../shared");
		List<BenchCorpus.Doc> docs = BenchCorpus.scifact(shared.resolve("datasets/scifact/corpus.jsonl"), docsLimit);
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 32, 2, 1)) {
			TokenAwareChunker chunker = new TokenAwareChunker(embedder::countTokens, embedder.maxInputTokens(), 32);
			List<List<String>> batches = BenchCorpus.requestBatches(chunker, docs, 32);
			List<String> texts = batches.stream().flatMap(List::stream).toList();
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			try (RawOnnx raw = new RawOnnx(2, 1)) {
				raw.single(texts.subList(0, Math.min(200, texts.size())));
				embedder.embedBatch(texts.subList(0, Math.min(200, texts.size())));
				for (int round = 0; round < rounds; round++) {
					long cpu = os.getProcessCpuTime();
					long t = System.nanoTime();
					raw.single(texts);
					report("raw", texts.size(), t, cpu, os);
					cpu = os.getProcessCpuTime();
					t = System.nanoTime();
					for (List<String> batch : batches) {
						embedder.embedBatch(batch);
					}
					report("embedder", texts.size(), t, cpu, os);
				}
			}
		}
	}

	private static void report(String name, int n, long t, long cpu, com.sun.management.OperatingSystemMXBean os) {
		double wall = (System.nanoTime() - t) / 1e9;
		double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / n;
		System.out.printf("%-9s %5d texts %6.1f/s  %.2f ms CPU/text%n", name, n, n / wall, cpuMs);
	}

}
