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
 * Two builds of the service side by side on the same corpus, measured in alternation: phase A, phase B, A, B...
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
 * its own temporary index; every query text is distinct across the whole run, so no phase hits a cache. Prints
 * each phase, then the median throughput and p50 of each side and the ratio B/A.
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
			for (String base : bases) {
				ingest(http, base, corpus);
			}
			int[] sequence = { 0 };
			// Warm-up of each side (JIT, searcher, caches stay cold: distinct texts), not measured.
			for (String base : bases) {
				phase(http, base, path, 8, 8, queries, sequence, repeat);
			}
			List<Latencies> resultsA = new ArrayList<>();
			List<Latencies> resultsB = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				for (int side = 0; side < 2; side++) {
					Latencies result = phase(http, bases[side], path, clients, seconds, queries, sequence, repeat);
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
		}
	}

	private static ServiceBenchmark.Service start(Path jar, Path out, String name, List<String> serviceArgs,
			boolean jfr) throws Exception {
		Path dir = Files.createDirectories(out.resolve(name));
		return ServiceBenchmark.Service.start(jar, dir, jfr, serviceArgs);
	}

	private static void ingest(HttpClient http, String base, List<BenchCorpus.Doc> docs) {
		int batch = 32;
		for (int from = 0; from < docs.size(); from += batch) {
			List<Map<String, Object>> documents = new ArrayList<>();
			for (BenchCorpus.Doc doc : docs.subList(from, Math.min(docs.size(), from + batch))) {
				documents.add(doc.toJson());
			}
			HttpResponse<String> response = BenchCorpus.postJson(http, base + "/documents",
					Map.of("documents", documents), Duration.ofMinutes(5));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("POST /documents " + response.statusCode() + ": " + response.body());
			}
		}
	}

	private static Latencies phase(HttpClient http, String base, String path, int clients, int seconds,
			List<String> queries, int[] sequence, int repeat) {
		int first = sequence[0];
		// Enough distinct texts for any phase; the next phase starts after the last one this phase could use.
		int budget = 1_000_000;
		sequence[0] += budget;
		return LoadPhase.run(clients, Duration.ofSeconds(seconds), budget, (i) -> {
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
