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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * {@code /search} latency at one client on an idle service against the same while {@link #INGEST_CLIENTS}
 * clients ingest without pause, in one run, printed as a p99 ratio (the goal is at most 3x): what a query
 * pays for sharing the model threads with bulk ingestion. Starts the packaged jar like {@link ServiceBenchmark},
 * ingests a SciFact slice to search (which also warms the JIT), then runs the two phases back to back. Every
 * query text is distinct, so the response and embedding caches never hit.
 *
 * <p>Arguments: {@code --seconds N} (per phase, default 20), {@code --docs N} (SciFact documents indexed
 * first, default 1000), {@code --out DIR}, {@code --jar PATH}, {@code --shared DIR}, {@code --service-arg ARG}.
 */
public final class SearchUnderIngest {

	/** Concurrent bulk ingest clients during the loaded phase: twice the model threads of a 2-core machine. */
	private static final int INGEST_CLIENTS = 4;

	/** Documents per ingest request, as in {@link ServiceBenchmark}: about 60 chunks of SciFact. */
	private static final int INGEST_BATCH = 32;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final StringBuilder report = new StringBuilder();

	public static void main(String[] args) throws Exception {
		Duration phase = Duration.ofSeconds(20);
		int docLimit = 1000;
		Path out = Path.of("target/bench");
		Path jar = Path.of("target/ragwell.jar");
		Path shared = Path.of("..", "shared");
		List<String> serviceArgs = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--seconds" -> phase = Duration.ofSeconds(Long.parseLong(args[++i]));
				case "--docs" -> docLimit = Integer.parseInt(args[++i]);
				case "--out" -> out = Path.of(args[++i]);
				case "--jar" -> jar = Path.of(args[++i]);
				case "--shared" -> shared = Path.of(args[++i]);
				case "--service-arg" -> serviceArgs.add(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (expected --seconds N, "
						+ "--docs N, --out DIR, --jar PATH, --shared DIR, --service-arg ARG)");
			}
		}
		Files.createDirectories(out);
		new SearchUnderIngest().run(phase, docLimit, out, jar, shared, serviceArgs);
	}

	private void run(Duration phase, int docLimit, Path out, Path jar, Path shared, List<String> serviceArgs)
			throws Exception {
		Path scifact = shared.resolve("datasets/scifact");
		List<BenchCorpus.Doc> docs = BenchCorpus.scifact(scifact.resolve("corpus.jsonl"), docLimit);
		List<String> queries = BenchCorpus.queries(scifact.resolve("queries.jsonl"));
		line("# /search under ingestion — %d cores, load average at start %s", Runtime.getRuntime().availableProcessors(),
				ServiceBenchmark.loadAverage());
		AtomicInteger querySequence = new AtomicInteger();
		try (ServiceBenchmark.Service service = ServiceBenchmark.Service.start(jar, out, false, serviceArgs)) {
			String base = "http://127.0.0.1:" + service.port();
			// 1. Something to search, ingested by the same four clients: it also warms the JIT on both paths.
			AtomicInteger batch = new AtomicInteger();
			Latencies indexed = LoadPhase.run(INGEST_CLIENTS, Duration.ofMinutes(10),
					Math.ceilDiv(docs.size(), INGEST_BATCH), (b) -> ingest(base, docs, b, "") >= 0);
			line("indexed %d SciFact documents in %.1f s (%d failed requests)", docs.size(), indexed.wallNanos() / 1e9,
					indexed.errors());
			LoadPhase.run(1, Duration.ofSeconds(5), 10_000,
					(i) -> search(base, unique(queries, querySequence.getAndIncrement())));

			// 2. Idle: one search client alone.
			Latencies idle = LoadPhase.run(1, phase, Integer.MAX_VALUE,
					(i) -> search(base, unique(queries, querySequence.getAndIncrement())));
			String loadIdle = ServiceBenchmark.loadAverage();

			// 3. Loaded: the same client while four clients ingest new copies of the corpus (fresh ids, so every
			// chunk is embedded again) without pause until the search phase ends.
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong ingestedChunks = new AtomicLong();
			AtomicInteger refused = new AtomicInteger();
			AtomicInteger ingestRequests = new AtomicInteger();
			java.util.concurrent.atomic.AtomicReference<String> failed = new java.util.concurrent.atomic.AtomicReference<>();
			List<Thread> ingesters = new ArrayList<>();
			int batches = Math.ceilDiv(docs.size(), INGEST_BATCH);
			for (int c = 0; c < INGEST_CLIENTS; c++) {
				ingesters.add(Thread.ofPlatform().name("bench-ingest-" + c).start(() -> {
					while (!stop.get()) {
						int b = batch.getAndIncrement();
						try {
							int chunks = ingest(base, docs, b % batches, "-copy" + (b / batches));
							if (chunks < 0) {
								refused.incrementAndGet();
							}
							else {
								ingestedChunks.addAndGet(chunks);
								ingestRequests.incrementAndGet();
							}
						}
						catch (InterruptedException ex) {
							return;
						}
						catch (RuntimeException ex) {
							failed.compareAndSet(null, ex.getMessage());
						}
					}
				}));
			}
			// Let every ingest client have work queued before the first measured query.
			Thread.sleep(2000);
			long chunksBefore = ingestedChunks.get();
			Latencies loaded = LoadPhase.run(1, phase, Integer.MAX_VALUE,
					(i) -> search(base, unique(queries, querySequence.getAndIncrement())));
			long chunksDuring = ingestedChunks.get() - chunksBefore;
			String loadLoaded = ServiceBenchmark.loadAverage();
			stop.set(true);
			for (Thread ingester : ingesters) {
				ingester.join(Duration.ofMinutes(5));
			}

			line("%n| phase | requests | p50 ms | p95 ms | p99 ms | errors | load average after |");
			line("|---|---|---|---|---|---|---|");
			row("idle", idle, loadIdle);
			row("4 clients ingesting", loaded, loadLoaded);
			line("%ningest during the loaded phase: %.1f chunks/s, %d requests done, %d refused (503)",
					chunksDuring / (loaded.wallNanos() / 1e9), ingestRequests.get(), refused.get());
			if (failed.get() != null) {
				line("an ingest request failed: %s", failed.get());
			}
			double ratio = loaded.percentileMs(0.99) / idle.percentileMs(0.99);
			line("%n/search p99 under ingestion / idle: %.2fx (goal <= 3x); p50 ratio %.2fx", ratio,
					loaded.percentileMs(0.5) / idle.percentileMs(0.5));
		}
		Files.writeString(out.resolve("search-under-ingest.md"), this.report);
	}

	/**
	 * Posts batch {@code b} of {@code docs}, ids suffixed with {@code suffix}; returns the chunks written, or -1
	 * when the service refused it as overloaded (503), which the loaded phase counts and does not retry at once.
	 */
	private int ingest(String base, List<BenchCorpus.Doc> docs, int b, String suffix) throws InterruptedException {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (BenchCorpus.Doc doc : docs.subList(b * INGEST_BATCH, Math.min(docs.size(), (b + 1) * INGEST_BATCH))) {
			batch.add(new BenchCorpus.Doc(doc.id() + suffix, doc.content()).toJson());
		}
		HttpResponse<String> response = send(base + "/documents", Map.of("documents", batch), Duration.ofMinutes(5));
		if (response.statusCode() == 503) {
			String retryAfter = response.headers().firstValue("Retry-After").orElse("1");
			Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
			return -1;
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST /documents " + response.statusCode() + ": " + response.body());
		}
		int chunks = 0;
		for (JsonNode result : BenchCorpus.JSON.readTree(response.body()).get("documents")) {
			chunks += result.get("chunks").asInt();
		}
		return chunks;
	}

	private boolean search(String base, String query) {
		HttpResponse<String> response = send(base + "/search", Map.of("query", query, "top_k", 10),
				Duration.ofSeconds(60));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("/search " + response.statusCode() + ": " + response.body());
		}
		return true;
	}

	/** Query {@code i} of an endless sequence in which no text repeats: caches never hit. */
	private static String unique(List<String> queries, int i) {
		String query = queries.get(i % queries.size());
		int round = i / queries.size();
		return (round == 0) ? query : query + " " + round;
	}

	private HttpResponse<String> send(String url, Object body, Duration timeout) {
		return BenchCorpus.postJson(this.http, url, body, timeout);
	}

	private void row(String phase, Latencies result, String loadAverage) {
		line("| %s | %d | %.2f | %.2f | %.2f | %d | %s |", phase, result.count(), result.percentileMs(0.5),
				result.percentileMs(0.95), result.percentileMs(0.99), result.errors(), loadAverage);
		if (result.errors() > 0) {
			line("first error: %s", result.firstError());
		}
	}

	private void line(String format, Object... args) {
		String text = String.format(Locale.ROOT, format, args);
		System.out.println(text);
		System.out.flush();
		this.report.append(text).append('\n');
	}

}
