package io.ragwell.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ragwell.core.Embedder;
import io.ragwell.core.SentenceVectors;
import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.ingest.chunk.TokenAwareChunker;
import io.ragwell.llm.extractive.SentenceSplitter;

/**
 * What sentence vectors computed at ingestion would cost (issue 17, {@code query_to_search_ratio_1}): the
 * extractive answerer embeds the sources' sentences at query time; embedding them once at ingestion instead
 * would add their model calls to every chunk's. On the chunks of the first DOCUMENTS SciFact abstracts, cut
 * into the answerer's sentences (its {@link SentenceSplitter}, at least 3 words), alternating for ROUNDS rounds:
 * the chunks as ingestion embeds them (request-sized batches), then the same chunks' sentences, then the chunks
 * with their sentences' vectors pooled from the chunks' own model calls ({@code ragwell.embedding.sentence-vectors},
 * {@link OnnxEmbedder#embedBatchWithSpans} over {@link SentenceSplitter#spans}). Prints texts/s and process CPU per
 * chunk for each pass, the ratios of sentence and pooled work to chunk work, and the stored bytes of the pooled
 * sentence vectors per chunk.
 *
 * <p>Usage: {@code SentenceVectorCost DOCUMENTS ROUNDS [SHARED_DIR] [model id]} (docs/PERFORMANCE.md).
 */
final class SentenceVectorCost {

	private SentenceVectorCost() {
	}

	public static void main(String[] args) throws Exception {
		int docsLimit = Integer.parseInt(args[0]);
		int rounds = Integer.parseInt(args[1]);
		Path shared = Path.of(args.length > 2 ? args[2] : "../shared");
		OnnxModel model = (args.length > 3) ? OnnxModel.fromId(args[3]) : OnnxModel.ALL_MINILM_L6_V2_Q;
		List<BenchCorpus.Doc> docs = BenchCorpus.scifact(shared.resolve("datasets/scifact/corpus.jsonl"), docsLimit);
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		try (OnnxEmbedder embedder = new OnnxEmbedder(model, 32, 2, 1)) {
			TokenAwareChunker chunker = new TokenAwareChunker(embedder::countTokens, embedder.maxInputTokens(), 32);
			List<List<String>> chunkBatches = BenchCorpus.requestBatches(chunker, docs, 32);
			List<List<String>> sentenceBatches = new ArrayList<>();
			int chunks = 0;
			int sentences = 0;
			for (List<String> batch : chunkBatches) {
				List<String> cut = new ArrayList<>();
				for (String chunk : batch) {
					for (String sentence : SentenceSplitter.split(chunk)) {
						if (words(sentence) >= 3) {
							cut.add(sentence);
						}
					}
				}
				chunks += batch.size();
				sentences += cut.size();
				sentenceBatches.add(cut);
			}
			System.out.printf(Locale.ROOT, "%d documents, %d chunks, %d sentences (%.1f per chunk), load %s%n",
					docs.size(), chunks, sentences, (double) sentences / chunks, loadAverage());
			embedder.embedBatch(chunkBatches.getFirst());
			embedder.embedBatch(sentenceBatches.getFirst());
			long bytes = 0;
			for (List<String> batch : chunkBatches) {
				List<int[]> spans = batch.stream().map(SentenceSplitter::spans).toList();
				List<Embedder.WithSpans> pooled = embedder.embedBatchWithSpans(batch, spans);
				for (int i = 0; i < batch.size(); i++) {
					bytes += SentenceVectors.of(spans.get(i), pooled.get(i).spans(), embedder.dimensions()).size();
				}
			}
			System.out.printf(Locale.ROOT, "pooled sentence vectors: %.0f bytes per chunk stored%n",
					(double) bytes / chunks);
			List<Double> ratios = new ArrayList<>();
			List<Double> pooledRatios = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				double chunkCpu = pass("chunks", chunkBatches, chunks, embedder, os, false);
				double sentenceCpu = pass("sentences", sentenceBatches, chunks, embedder, os, false);
				double pooledCpu = pass("pooled", chunkBatches, chunks, embedder, os, true);
				ratios.add(sentenceCpu / chunkCpu);
				pooledRatios.add(pooledCpu / chunkCpu);
				System.out.printf(Locale.ROOT, "round %d: sentence CPU / chunk CPU %.2f, pooled / chunk %.3f, load %s%n",
						round + 1, sentenceCpu / chunkCpu, pooledCpu / chunkCpu, loadAverage());
			}
			ratios.sort(null);
			pooledRatios.sort(null);
			System.out.printf(Locale.ROOT, "median sentence / chunk CPU %.2f, pooled / chunk CPU %.3f%n",
					ratios.get(ratios.size() / 2), pooledRatios.get(pooledRatios.size() / 2));
		}
	}

	/** Runs of letters or digits, as the answerer counts a sentence's words. */
	private static int words(String sentence) {
		int words = 0;
		boolean inWord = false;
		for (int i = 0; i < sentence.length(); i++) {
			boolean letter = Character.isLetterOrDigit(sentence.charAt(i));
			if (letter && !inWord) {
				words++;
			}
			inWord = letter;
		}
		return words;
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (java.io.IOException ex) {
			return "n/a";
		}
	}

	/** Embeds every batch; prints texts/s and CPU ms per chunk, returns the CPU seconds. */
	private static double pass(String name, List<List<String>> batches, int chunks, OnnxEmbedder embedder,
			com.sun.management.OperatingSystemMXBean os, boolean pooled) {
		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		int texts = 0;
		for (List<String> batch : batches) {
			if (pooled) {
				embedder.embedBatchWithSpans(batch, batch.stream().map(SentenceSplitter::spans).toList());
			}
			else {
				embedder.embedBatch(batch);
			}
			texts += batch.size();
		}
		double wall = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
		System.out.printf(Locale.ROOT, "%-9s %6d texts %7.1f texts/s  %.2f ms CPU per chunk%n", name, texts,
				texts / wall, cpuSeconds * 1000 / chunks);
		return cpuSeconds;
	}

}
