package io.ragwell.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two builds of the service side by side on the same corpus, measured in alternation: A, B, then B, A, and so on,
 * both sides of a round on the same query texts.
 * so drift in the host's load lands on both alike. For a before/after claim about one change ("did the /query
 * regression go?"), where two separate {@code bench/run} passes minutes apart would compare two different hosts.
 *
 * <pre>
 * java -cp CLASSPATH io.ragwell.bench.InterleavedAb --jar-a OLD.jar --jar-b NEW.jar [--path /query] [--clients 32]
 *     [--seconds 20] [--rounds 3] [--docs 1000] [--shared ../shared] [--out target/bench-ab] [--service-arg ARG]...
 *     [--jfr] [--repeat N] [--service-arg-b ARG]...
 * </pre>
 *
 * {@code --service-arg-b} is passed to side B only: one jar twice, with and without a setting.
 *
 * {@code --repeat N} cycles through the first N query texts instead (the same on both sides): after the warm-up
 * every request is a response-cache hit, for the cached path.
 *
 * {@code --jfr} records each service with JFR ({@code settings=profile}) into {@code OUT/a/service.jfr} and
 * {@code OUT/b/service.jfr}, for {@link JfrBreakdown}: both sides recorded alike, so the recording's overhead
 * does not decide the ratio.
 *
 * Both services run at once (each idle while the other is measured) on the benchmark's model (MiniLM), each with
 * its own temporary index; no query text is asked twice of one side, so no phase hits a response cache. Prints
 * each phase, then the median throughput and p50 of each side, the ratio B/A of those medians, and the median
 * of the rounds' own B/A ratios (the paired figure: both sides of a round ran the same texts back to back).
 */
public final class InterleavedAb {

	private InterleavedAb() {
	}

	public static void main(String[] args) throws Exception {
		Path jarA = null;
		Path jarB = null;
		String path = "/query";
		int clients = 32;
		int seconds = 20;
		int rounds = 3;
		int docs = 1000;
		Path shared = Path.of("../shared");
		Path out = Path.of("target/bench-ab");
		List<String> serviceArgs = new ArrayList<>();
		boolean jfr = false;
		List<String> serviceArgsB = new ArrayList<>();
		int repeat = 0;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--jar-a" -> jarA = Path.of(args[++i]);
				case "--jar-b" -> jarB = Path.of(args[++i]);
				case "--path" -> path = args[++i];
				case "--clients" -> clients = Integer.parseInt(args[++i]);
				case "--seconds" -> seconds = Integer.parseInt(args[++i]);
				case "--rounds" -> rounds = Integer.parseInt(args[++i]);
				case "--docs" -> docs = Integer.parseInt(args[++i]);
				case "--shared" -> shared = Path.of(args[++i]);
				case "--out" -> out = Path.of(args[++i]);
				case "--service-arg" -> serviceArgs.add(args[++i]);
				case "--jfr" -> jfr = true;
				case "--service-arg-b" -> serviceArgsB.add(args[++i]);
				case "--repeat" -> repeat = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (jarA == null || jarB == null) {
			throw new IllegalArgumentException("--jar-a and --jar-b are required");
		}
		Files.createDirectories(out);
		Path scifact = shared.resolve("datasets/scifact");
		List<BenchCorpus.Doc> corpus = BenchCorpus.scifact(scifact.resolve("corpus.jsonl"), docs);
		List<String> queries = BenchCorpus.queries(scifact.resolve("queries.jsonl"));
		HttpClient http = HttpClient.newHttpClient();
		print("load average at start %s", loadAverage());
		try (ServiceBenchmark.Service a = start(jarA, out, "a", serviceArgs, jfr);
				ServiceBenchmark.Service b = start(jarB, out, "b", concat(serviceArgs, serviceArgsB), jfr)) {
			String[] bases = { "http://127.0.0.1:" + a.port(), "http://127.0.0.1:" + b.port() };
			ingest(http, bases, corpus);
			// Both sides get the same texts in the same order in each phase (a paired design): what one side's caches
			// (the answerer's sentence vectors, say) have seen, the other's have too. Texts differ between phases, so
			// no phase repeats a text its own side has answered. (Giving each phase its own texts made side B see
			// different questions from A in the same round; an A/A run then read B/A 1.18 to 1.34.)
			int[] sequence = { 0 };
			int warmUp = next(sequence);
			// Warm-up of each side (JIT, searcher, caches stay cold: distinct texts), not measured.
			for (String base : bases) {
				phase(http, base, path, 8, 8, queries, warmUp, repeat);
			}
			List<Latencies> resultsA = new ArrayList<>();
			List<Latencies> resultsB = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				int first = next(sequence);
				// A then B in odd rounds, B then A in even ones: drift within a round lands on both sides.
				for (int turn = 0; turn < 2; turn++) {
					int side = (round % 2 == 0) ? turn : 1 - turn;
					Latencies result = phase(http, bases[side], path, clients, seconds, queries, first, repeat);
					(side == 0 ? resultsA : resultsB).add(result);
					print("round %d %s %s@%d: %.1f req/s, p50 %.2f ms, p99 %.2f ms, errors %d, load %s", round + 1,
							side == 0 ? "A" : "B", path, clients, result.throughput(), result.percentileMs(0.5),
							result.percentileMs(0.99), result.errors(), loadAverage());
				}
			}
			double throughputA = median(resultsA.stream().mapToDouble(Latencies::throughput).toArray());
			double throughputB = median(resultsB.stream().mapToDouble(Latencies::throughput).toArray());
			double p50A = median(resultsA.stream().mapToDouble((r) -> r.percentileMs(0.5)).toArray());
			double p50B = median(resultsB.stream().mapToDouble((r) -> r.percentileMs(0.5)).toArray());
			print("median A: %.1f req/s, p50 %.2f ms (%s)", throughputA, p50A, jarA);
			print("median B: %.1f req/s, p50 %.2f ms (%s)", throughputB, p50B, jarB);
			print("B/A throughput %.3f, B/A p50 %.3f; load average at end %s", throughputB / throughputA, p50B / p50A,
					loadAverage());
			double[] paired = new double[resultsA.size()];
			StringBuilder perRound = new StringBuilder();
			for (int i = 0; i < paired.length; i++) {
				paired[i] = resultsB.get(i).throughput() / resultsA.get(i).throughput();
				perRound.append((i == 0) ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f", paired[i]));
			}
			print("per-round B/A throughput %s; median %.3f", perRound, median(paired));
		}
	}

	private static ServiceBenchmark.Service start(Path jar, Path out, String name, List<String> serviceArgs,
			boolean jfr) throws Exception {
		Path dir = Files.createDirectories(out.resolve(name));
		return ServiceBenchmark.Service.start(jar, dir, jfr, serviceArgs);
	}

	/**
	 * The same batches into both services, alternating which goes first: neither side ingests (and settles its
	 * merges and JIT) while the other sits idle, as they did when A ingested the whole corpus before B.
	 */
	private static void ingest(HttpClient http, String[] bases, List<BenchCorpus.Doc> docs) {
		int batch = 32;
		for (int from = 0; from < docs.size(); from += batch) {
			List<Map<String, Object>> documents = new ArrayList<>();
			for (BenchCorpus.Doc doc : docs.subList(from, Math.min(docs.size(), from + batch))) {
				documents.add(doc.toJson());
			}
			for (int turn = 0; turn < 2; turn++) {
				String base = bases[((from / batch) % 2 == 0) ? turn : 1 - turn];
				HttpResponse<String> response = BenchCorpus.postJson(http, base + "/documents",
						Map.of("documents", documents), Duration.ofMinutes(5));
				if (response.statusCode() != 200) {
					throw new IllegalStateException("POST /documents " + response.statusCode() + ": " + response.body());
				}
			}
		}
	}

	/** Texts one phase may use at most. */
	private static final int PHASE_TEXTS = 1_000_000;

	/** The first text of the next round's phases; the round after starts past the last one they could use. */
	private static int next(int[] sequence) {
		int first = sequence[0];
		sequence[0] += PHASE_TEXTS;
		return first;
	}

	private static Latencies phase(HttpClient http, String base, String path, int clients, int seconds,
			List<String> queries, int first, int repeat) {
		return LoadPhase.run(clients, Duration.ofSeconds(seconds), PHASE_TEXTS, (i) -> {
			int n = first + i;
			String query = (repeat > 0) ? queries.get(i % repeat)
					: queries.get(n % queries.size()) + " " + (n / queries.size());
			HttpResponse<String> response = BenchCorpus.postJson(http, base + path,
					Map.of("query", query, "top_k", 10), Duration.ofSeconds(60));
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " " + response.statusCode() + ": " + response.body());
			}
			return true;
		});
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (Exception ex) {
			return "n/a";
		}
	}

	private static void print(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

}
