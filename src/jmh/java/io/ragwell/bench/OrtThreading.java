package io.ragwell.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.ingest.chunk.TokenAwareChunker;

/**
 * Which threading shape gets the most out of the cores: model calls in flight x ONNX Runtime intra-op threads,
 * for chunk-sized and query-sized texts. The shapes are measured interleaved (A B C A B C ...) so a change in
 * the machine's load hits all of them alike; medians of the rounds are printed.
 *
 * <p>Arguments: {@code [shared dir] [rounds]}.
 */
public final class OrtThreading {

	private OrtThreading() {
	}

	public static void main(String[] args) {
		Path shared = Path.of((args.length > 0) ? args[0] : "../shared");
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		List<BenchCorpus.Doc> docs = BenchCorpus.scifact(shared.resolve("datasets/scifact/corpus.jsonl"), 150);
		List<String> chunks = new ArrayList<>();
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 32, 1)) {
			TokenAwareChunker chunker = new TokenAwareChunker(embedder::countTokens, embedder.maxInputTokens(), 32);
			docs.forEach((doc) -> chunks.addAll(BenchCorpus.chunk(chunker, doc)));
		}
		List<String> queries = BenchCorpus.queries(shared.resolve("datasets/scifact/queries.jsonl")).subList(0, 400);
		int[][] shapes = { { 2, 1 }, { 2, 0 }, { 1, 0 } };
		Map<String, List<Double>> results = new TreeMap<>();
		List<RawOnnx> raws = new ArrayList<>();
		for (int[] shape : shapes) {
			RawOnnx raw = new RawOnnx(shape[0], shape[1]);
			raw.single(chunks.subList(0, 20));
			raws.add(raw);
		}
		for (int round = 0; round < rounds; round++) {
			for (int s = 0; s < shapes.length; s++) {
				String name = shapes[s][0] + " in flight x "
						+ ((shapes[s][1] == 0) ? "ORT default options" : shapes[s][1] + " intra-op");
				results.computeIfAbsent(name + ", chunks", (k) -> new ArrayList<>())
					.add(raws.get(s).measure(name, chunks, 1, null).perSecond());
				results.computeIfAbsent(name + ", queries", (k) -> new ArrayList<>())
					.add(raws.get(s).measure(name, queries, 1, null).perSecond());
			}
		}
		raws.forEach(RawOnnx::close);
		// The three pipelines' embedding stage on the same chunk texts, interleaved: Ragwell's embedder (as the
		// service configures it), raw ONNX Runtime, and the peer's model + store.
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < chunks.size(); from += 32) {
			batches.add(chunks.subList(from, Math.min(chunks.size(), from + 32)));
		}
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 32,
				Runtime.getRuntime().availableProcessors()); RawOnnx raw = new RawOnnx(2, 1)) {
			embedder.embedBatch(chunks.subList(0, 20));
			new PeerPipeline().ingest(List.of(chunks.subList(0, 20)));
			for (int round = 0; round < rounds; round++) {
				long start = System.nanoTime();
				batches.forEach(embedder::embedBatch);
				results.computeIfAbsent("pipeline: Ragwell OnnxEmbedder.embedBatch", (k) -> new ArrayList<>())
					.add(chunks.size() / ((System.nanoTime() - start) / 1e9));
				results.computeIfAbsent("pipeline: raw ONNX one per call", (k) -> new ArrayList<>())
					.add(raw.measure("raw", chunks, 1, null).perSecond());
				double peerSeconds = new PeerPipeline().ingest(batches);
				results.computeIfAbsent("pipeline: LangChain4j embedAll + InMemoryEmbeddingStore", (k) -> new ArrayList<>())
					.add(chunks.size() / peerSeconds);
			}
		}
		System.out.printf(Locale.ROOT, "%d chunk texts, %d queries, %d rounds interleaved, load average %s%n",
				chunks.size(), queries.size(), rounds, ServiceBenchmark.loadAverage());
		System.out.println("| shape, texts | median texts/s | rounds |\n|---|---|---|");
		results.forEach((name, values) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %s |%n", name,
				values.stream().sorted().toList().get(values.size() / 2),
				values.stream().map((v) -> String.format(Locale.ROOT, "%.0f", v)).toList()));
	}

}
