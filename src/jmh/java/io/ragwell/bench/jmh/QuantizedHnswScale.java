package io.ragwell.bench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.VectorUtil;

/**
 * One node, {@code N} chunks (default 1,000,000), int8-quantised HNSW
 * ({@link Lucene104HnswScalarQuantizedVectorsFormat}, default 8-bit encoding): heap in use after indexing and
 * while searching, recall@10 against exact brute force, and search latency percentiles. Vectors are 384-d
 * unit vectors around 2,000 seeded centroids (embeddings cluster by topic; uniform random vectors are the
 * unrealistic worst case for any ANN index).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -Xmx1g -cp ... io.ragwell.bench.jmh.QuantizedHnswScale
 * [N] [queries] [candidates] [index-dir]}; {@code -Xmx1g} makes "fits in a 1 GB heap" something the run proves
 * rather than estimates. With {@code index-dir} the index and the exact answers are kept there, and a later run
 * with the same N and queries only searches: building 1M nodes takes most of an hour on 2 cores, and the
 * search latencies are worth measuring again when the machine is quiet.
 */
public final class QuantizedHnswScale {

	private static final int DIMENSIONS = 384;

	private QuantizedHnswScale() {
	}

	public static void main(String[] args) throws IOException {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int queries = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		// Candidates gathered by HNSW before the top 10 are taken; 50 is what the retriever asks the store for.
		int candidates = (args.length > 2) ? Integer.parseInt(args[2]) : 50;
		Path kept = (args.length > 3) ? Path.of(args[3]) : null;
		SplittableRandom random = new SplittableRandom(17);
		float[][] centroids = new float[2000][];
		for (int c = 0; c < centroids.length; c++) {
			centroids[c] = BenchText.unitVector(random, DIMENSIONS);
		}
		// Probes first, so one streaming pass over the vectors both indexes them and keeps the exact top 10 of
		// every probe: 1M x 384 floats (1.5 GB) are never held on the heap the index is measured against.
		float[][] probes = new float[queries][];
		for (int q = 0; q < queries; q++) {
			probes[q] = near(centroids[random.nextInt(centroids.length)], random);
		}
		int[][] exact = new int[queries][10];
		float[][] exactScores = new float[queries][10];
		for (float[] scores : exactScores) {
			Arrays.fill(scores, Float.NEGATIVE_INFINITY);
		}
		Path dir = (kept != null) ? Files.createDirectories(kept) : Files.createTempDirectory("ragwell-hnsw-scale");
		Path answers = dir.resolve("exact-" + n + "-" + queries + ".txt");
		boolean reuse = Files.isRegularFile(answers);
		KnnVectorsFormat format = new Lucene104HnswScalarQuantizedVectorsFormat();
		IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene104Codec() {
			@Override
			public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
				return format;
			}
		}).setRAMBufferSizeMB(256);
		long start = System.nanoTime();
		double indexSeconds;
		try (FSDirectory directory = FSDirectory.open(dir)) {
			if (reuse) {
				List<String> lines = Files.readAllLines(answers);
				indexSeconds = Double.parseDouble(lines.get(0));
				for (int q = 0; q < queries; q++) {
					exact[q] = Arrays.stream(lines.get(q + 1).split(" ")).mapToInt(Integer::parseInt).toArray();
				}
			}
			else try (IndexWriter writer = new IndexWriter(directory, config)) {
				for (int i = 0; i < n; i++) {
					float[] vector = near(centroids[random.nextInt(centroids.length)], random);
					for (int q = 0; q < queries; q++) {
						offer(exact[q], exactScores[q], i, VectorUtil.dotProduct(vector, probes[q]));
					}
					Document doc = new Document();
					doc.add(new StoredField("id", i));
					doc.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.DOT_PRODUCT));
					writer.addDocument(doc);
				}
				writer.forceMerge(1);
				writer.commit();
				indexSeconds = (System.nanoTime() - start) / 1e9;
				StringBuilder text = new StringBuilder(Double.toString(indexSeconds)).append('\n');
				for (int[] ids : exact) {
					text.append(String.join(" ", Arrays.stream(ids).mapToObj(Integer::toString).toList())).append('\n');
				}
				// Written last: its presence means the index is complete.
				Files.writeString(answers, text);
			}
			long indexBytes = 0;
			for (String file : directory.listAll()) {
				indexBytes += directory.fileLength(file);
			}
			try (DirectoryReader reader = DirectoryReader.open(directory)) {
				IndexSearcher searcher = new IndexSearcher(reader);
				// Warm-up passes (the JIT compiles the vector kernels and the graph walk), then the measured ones.
				for (int pass = 0; pass < 5; pass++) {
					for (float[] probe : probes) {
						searcher.search(new KnnFloatVectorQuery("vector", probe, candidates), 10);
					}
				}
				// Five timed passes: a p99 over a few hundred samples would be the second-worst query.
				int passes = 5;
				long[] nanos = new long[queries * passes];
				for (int pass = 1; pass < passes; pass++) {
					for (int q = 0; q < queries; q++) {
						long t0 = System.nanoTime();
						searcher.search(new KnnFloatVectorQuery("vector", probes[q], candidates), 10);
						nanos[pass * queries + q] = System.nanoTime() - t0;
					}
				}
				double recall = 0;
				for (int q = 0; q < queries; q++) {
					long t0 = System.nanoTime();
					TopDocs top = searcher.search(new KnnFloatVectorQuery("vector", probes[q], candidates), 10);
					nanos[q] = System.nanoTime() - t0;
					int hits = 0;
					for (ScoreDoc hit : top.scoreDocs) {
						int id = searcher.storedFields().document(hit.doc).getField("id").numericValue().intValue();
						for (int e : exact[q]) {
							hits += (e == id) ? 1 : 0;
						}
					}
					recall += hits / 10.0;
				}
				Arrays.sort(nanos);
				System.gc();
				long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
				System.out.printf(Locale.ROOT,
						"| chunks | candidates | index s | index MiB on disk | max heap MiB | heap in use after GC MiB | recall@10 | p50 ms | p99 ms |%n"
								+ "|---|---|---|---|---|---|---|---|---|%n| %d | %d | %.0f | %d | %d | %d | %.3f | %.2f | %.2f |%n",
						n, candidates, indexSeconds, indexBytes >> 20, Runtime.getRuntime().maxMemory() >> 20, heapUsed >> 20,
						recall / queries, nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6);
				System.out.printf(Locale.ROOT, "%s index; %d timed searches; load average %s%n", reuse ? "reused" : "built",
						nanos.length, Files.readString(Path.of("/proc/loadavg")).strip());
			}
		}
		finally {
			if (kept == null) {
				IOUtils.rm(dir);
			}
		}
	}

	private static float[] near(float[] centroid, SplittableRandom random) {
		float[] noise = BenchText.unitVector(random, DIMENSIONS);
		float[] vector = new float[DIMENSIONS];
		for (int d = 0; d < DIMENSIONS; d++) {
			vector[d] = centroid[d] + 0.8f * noise[d];
		}
		VectorUtil.l2normalize(vector);
		return vector;
	}

	/** Keeps {@code best} the ten highest-scoring ids seen, best first. */
	private static void offer(int[] best, float[] scores, int id, float score) {
		if (score <= scores[9]) {
			return;
		}
		int at = 9;
		while (at > 0 && scores[at - 1] < score) {
			scores[at] = scores[at - 1];
			best[at] = best[at - 1];
			at--;
		}
		scores[at] = score;
		best[at] = id;
	}

}
