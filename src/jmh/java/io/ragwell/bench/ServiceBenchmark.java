package io.ragwell.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.ragwell.embed.EmbeddingProperties;
import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.ingest.chunk.TokenAwareChunker;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The service benchmark: starts the packaged jar on a random loopback port with a temporary data directory,
 * ingests SciFact (and outside {@code --quick} a synthetic corpus up to 100k chunks) over HTTP, drives
 * {@code /search} and {@code /query} at 1, 8 and 32 concurrent clients, and measures the limit beside each
 * phase in the same run: raw ONNX Runtime with the same model on the same texts (interleaved with ingestion,
 * right after each search phase on its query texts), then LangChain4j's in-process pipeline. Also: readiness
 * time with and without the JDK AOT cache, the same ingestion on the default model, and the footprint run
 * (the service again at {@value #FOOTPRINT_HEAP} with ONNX Runtime's arena off). Prints tables and writes
 * {@code summary.json}. Every phase is bounded in time and request count. Traffic goes to 127.0.0.1 only.
 *
 * <p>Arguments: {@code --quick}, {@code --out DIR}, {@code --jar PATH}, {@code --shared DIR}, {@code --jfr},
 * {@code --service-arg ARG}, {@code --aot-jar PATH} and {@code --aot-cache PATH} (the extracted jar and its AOT
 * cache, for {@code ready_seconds}), {@code --ready-starts N}, {@code --warmup-docs N}, {@code --skip ready,bge,footprint,peer,shapes,service}
 * (development runs only:
 * the skipped rows are missing from the summary; {@code service} skips every service run but the readiness one).
 */
public final class ServiceBenchmark {

	private static final int[] CLIENTS = { 1, 8, 32 };

	/**
	 * The model all three pipelines run: the peer's model (LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel}
	 * ships only this one), so the service is started with it rather than its default (bge-small, ~2x the work
	 * per token), and raw ONNX Runtime runs the same file.
	 */
	private static final OnnxModel MODEL = OnnxModel.ALL_MINILM_L6_V2_Q;

	/** The service's default model: what users get. Its ingestion ratio is reported too. */
	private static final OnnxModel DEFAULT_MODEL = OnnxModel.BGE_SMALL_EN_V15_Q;

	// LangChain4j loads the model's tokenizer.json with its built-in truncation: every text is cut to its first
	// 128 tokens (126 + [CLS] and [SEP]) before the model sees it.
	private static final int PEER_MAX_TOKENS = 128;

	private static final int INGEST_BATCH = 32;

	// Two requests in flight keep both embedder threads busy while the other request is parsed and indexed.
	private static final int INGEST_CLIENTS = 2;

	/**
	 * Synthetic documents ingested before the measured SciFact ingestion: about 30 s of the service's
	 * first work, after which the C2 compiler's share of the CPU has fallen from ~11 % to ~4 %.
	 */
	private static final int WARMUP_DOCS = 6000;

	/** {@link #WARMUP_DOCS} unless {@code --warmup-docs N} (development runs on a slow host) says otherwise. */
	private int warmupDocs = WARMUP_DOCS;

	/** Ingestion is measured in this many rounds, each followed by raw ONNX on the same texts; the median counts. */
	private static final int INGEST_ROUNDS = 3;

	/** Service starts per configuration for {@code ready_seconds} (median); {@code --ready-starts N} changes it. */
	private int readyStarts = 3;

	/** The footprint run's heap: with the native model and Lucene's mapped index, what fits a 1 GiB container. */
	static final String FOOTPRINT_HEAP = "-Xmx384m";

	private static final int MAX_REQUESTS_PER_PHASE = 200_000;

	private final boolean quick;

	private final Path out;

	private final Path jar;

	private final Path shared;

	private final boolean jfr;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, Object> summary = new LinkedHashMap<>();

	private final StringBuilder report = new StringBuilder();

	private final List<String> serviceArgs;

	private final Set<String> skip;

	private final Path aotJar;

	private final Path aotCache;

	private final Duration phase;

	private ServiceBenchmark(boolean quick, Path out, Path jar, Path shared, boolean jfr, List<String> serviceArgs,
			Set<String> skip, Path aotJar, Path aotCache) {
		this.serviceArgs = List.copyOf(serviceArgs);
		this.quick = quick;
		this.out = out;
		this.jar = jar;
		this.shared = shared;
		this.jfr = jfr;
		this.skip = Set.copyOf(skip);
		this.aotJar = aotJar;
		this.aotCache = aotCache;
		this.phase = quick ? Duration.ofSeconds(8) : Duration.ofSeconds(20);
	}

	public static void main(String[] args) throws Exception {
		boolean quick = false;
		boolean jfr = false;
		Path out = Path.of("target/bench");
		Path jar = Path.of("target/ragwell.jar");
		Path shared = Path.of("..", "shared");
		Path aotJar = Path.of("target/aot/app/ragwell.jar");
		Path aotCache = Path.of("target/aot/ragwell.aot");
		List<String> serviceArgs = new ArrayList<>();
		Set<String> skip = new HashSet<>();
		int readyStarts = 3;
		int warmupDocs = WARMUP_DOCS;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--jfr" -> jfr = true;
				case "--out" -> out = Path.of(args[++i]);
				case "--jar" -> jar = Path.of(args[++i]);
				case "--shared" -> shared = Path.of(args[++i]);
				case "--service-arg" -> serviceArgs.add(args[++i]);
				case "--aot-jar" -> aotJar = Path.of(args[++i]);
				case "--aot-cache" -> aotCache = Path.of(args[++i]);
				case "--skip" -> skip.addAll(List.of(args[++i].split(",")));
				case "--ready-starts" -> readyStarts = Integer.parseInt(args[++i]);
				case "--warmup-docs" -> warmupDocs = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i]
						+ " (expected --quick, --jfr, --out DIR, --jar PATH, --shared DIR, --service-arg ARG, "
						+ "--aot-jar PATH, --aot-cache PATH, --skip LIST)");
			}
		}
		Files.createDirectories(out);
		ServiceBenchmark benchmark = new ServiceBenchmark(quick, out, jar, shared, jfr, serviceArgs, skip, aotJar, aotCache);
		benchmark.readyStarts = readyStarts;
		benchmark.warmupDocs = warmupDocs;
		benchmark.run();
	}

	/** A corpus chunked by one model's tokenizer, as the service started on that model chunks it. */
	record Corpus(OnnxModel model, List<BenchCorpus.Doc> docs, List<List<String>> docChunks) {

		static Corpus of(OnnxModel model, List<BenchCorpus.Doc> docs) {
			try (OnnxEmbedder embedder = new OnnxEmbedder(model, 32, 1)) {
				TokenAwareChunker chunker = new TokenAwareChunker(embedder::countTokens, embedder.maxInputTokens(), 32);
				return new Corpus(model, docs, docs.stream().map((doc) -> BenchCorpus.chunk(chunker, doc)).toList());
			}
		}

		List<String> texts() {
			return this.docChunks.stream().flatMap(List::stream).toList();
		}

		/** Round {@code round} of {@code rounds} contiguous slices of the documents. */
		Corpus slice(int round, int rounds) {
			int from = this.docs.size() * round / rounds;
			int to = this.docs.size() * (round + 1) / rounds;
			return new Corpus(this.model, this.docs.subList(from, to), this.docChunks.subList(from, to));
		}

	}

	/** How a service run is started and what it measures. */
	record RunSpec(String label, OnnxModel model, List<String> jvmArgs, Map<String, String> environment,
			List<String> appArgs, boolean rawBeside, boolean searchPhases, boolean jfr) {
	}

	/** What one service run measured. */
	record RunResult(double ingestRate, List<Double> ingestRatios, Map<Integer, Latencies> search,
			Map<Integer, Latencies> query, long peakRssMb, long corpusChunks, long indexBytes, double readySeconds) {
	}

	private void run() throws Exception {
		Path scifact = this.shared.resolve("datasets/scifact");
		int docLimit = this.quick ? 1000 : Integer.MAX_VALUE;
		List<BenchCorpus.Doc> docs = BenchCorpus.scifact(scifact.resolve("corpus.jsonl"), docLimit);
		List<String> queries = BenchCorpus.queries(scifact.resolve("queries.jsonl"));

		// 1. Chunk locally with the service's own chunker and tokenizer, so both baselines embed exactly the
		// texts the service embeds (checked against the chunk counts the service reports).
		Corpus corpus = Corpus.of(MODEL, docs);
		List<List<String>> chunkBatches = new ArrayList<>();
		List<BenchCorpus.Doc> synthetic;
		List<List<String>> syntheticBatches = new ArrayList<>();
		long chunkTokens = 0;
		long peerTokens = 0;
		try (OnnxEmbedder embedder = new OnnxEmbedder(MODEL, 32, 1)) {
			TokenAwareChunker chunker = new TokenAwareChunker(embedder::countTokens, embedder.maxInputTokens(), 32);
			chunkBatches.addAll(BenchCorpus.requestBatches(chunker, docs, INGEST_BATCH));
			for (List<String> batch : chunkBatches) {
				for (String text : batch) {
					int tokens = embedder.countTokens(text);
					chunkTokens += Math.min(tokens, embedder.maxInputTokens());
					peerTokens += Math.min(tokens, PEER_MAX_TOKENS);
				}
			}
			int scifactChunks = chunkBatches.stream().mapToInt(List::size).sum();
			// Quick runs get a synthetic slice too: it is the JIT warm-up ingest (see WARMUP_DOCS).
			synthetic = BenchCorpus.synthetic(docs, this.quick ? this.warmupDocs
					: Math.max(this.warmupDocs, 100_000 - scifactChunks), chunker);
			syntheticBatches.addAll(BenchCorpus.requestBatches(chunker, synthetic, INGEST_BATCH));
		}
		List<String> chunkTexts = corpus.texts();
		line("# Ragwell benchmark (%s) — %d cores, load average at start %s", this.quick ? "--quick" : "full",
				Runtime.getRuntime().availableProcessors(), loadAverage());
		line("SciFact slice: %d documents, %d chunks; %d queries; synthetic documents: %d", docs.size(),
				chunkTexts.size(), queries.size(), synthetic.size());
		this.summary.put("mode", this.quick ? "quick" : "full");
		this.summary.put("cores", Runtime.getRuntime().availableProcessors());
		this.summary.put("load_average_start", loadAverage());
		this.summary.put("model", MODEL.id());
		this.summary.put("skipped", this.skip.stream().sorted().toList());
		List<String> rawTexts = this.quick ? everyNth(chunkTexts, 4) : chunkTexts;
		// The service's own embedder class with its defaults, alone: separates what the embedder costs from
		// what the rest of ingestion (chunking, HTTP, Lucene) costs.
		double embedderAlone = this.skip.contains("shapes") ? 0 : embedderAlone(rawTexts);

		// 2. Readiness with and without the AOT cache, before anything else loads the host.
		if (!this.skip.contains("ready")) {
			readiness();
		}

		// 3. The service, on the peer's model, with raw ONNX beside every measured phase.
		this.summary.put("service_args", this.serviceArgs);
		if (this.skip.contains("service")) {
			finish();
			return;
		}
		RunResult main = serviceRun(new RunSpec("default heap", MODEL, List.of(), Map.of(), this.serviceArgs, true,
				true, this.jfr), corpus, synthetic, queries);
		this.summary.put("ingest_embeddings_per_second", round(main.ingestRate()));
		this.summary.put("ingest_ratio_to_raw", round(median(main.ingestRatios())));
		this.summary.put("ingest_ratio_to_raw_rounds", main.ingestRatios().stream().map(ServiceBenchmark::round).toList());
		this.summary.put("ready_seconds_fat_jar_bench_model", round(main.readySeconds()));
		this.summary.put("service_peak_rss_mb", main.peakRssMb());
		this.summary.put("corpus_chunks", main.corpusChunks());
		this.summary.put("index_bytes_per_chunk", round((double) main.indexBytes() / main.corpusChunks()));

		// 4. Raw ONNX Runtime shapes with the service stopped (the cores are the model's alone).
		if (!this.skip.contains("shapes")) {
			rawShapes(rawTexts, queries, embedderAlone);
		}

		// 5. The default model's ingestion, interleaved with raw ONNX on the same texts, as in 3.
		if (!this.skip.contains("bge")) {
			List<BenchCorpus.Doc> bgeWarmup = synthetic.subList(0, Math.min(this.quick ? 2000 : this.warmupDocs,
					synthetic.size()));
			RunResult bge = serviceRun(new RunSpec("default model", DEFAULT_MODEL, List.of(), Map.of(),
					this.serviceArgs, true, false, false), Corpus.of(DEFAULT_MODEL, docs), bgeWarmup, queries);
			this.summary.put("ingest_ratio_to_raw_default_model", round(median(bge.ingestRatios())));
			this.summary.put("ingest_ratio_to_raw_default_model_rounds", bge.ingestRatios().stream().map(ServiceBenchmark::round).toList());
			this.summary.put("ingest_embeddings_per_second_default_model", round(bge.ingestRate()));
		}

		// 6. Footprint: the same run again in a small heap with ONNX Runtime's arena off.
		if (!this.skip.contains("footprint")) {
			footprint(main, corpus, synthetic, queries);
		}

		// 7. The peer pipeline, same chunk texts, same request-sized batches, same queries and concurrency.
		if (!this.skip.contains("peer")) {
			peer(chunkBatches, syntheticBatches, chunkTexts, chunkTokens, peerTokens, queries, main);
		}
		finish();
	}

	private void finish() throws IOException {
		this.summary.put("load_average_end", loadAverage());
		ratios();
		Path summaryFile = this.out.resolve("summary.json");
		BenchCorpus.JSON.writerWithDefaultPrettyPrinter().writeValue(summaryFile.toFile(), this.summary);
		Files.writeString(this.out.resolve("report.md"), this.report.toString());
		line("%nWrote %s and %s", summaryFile, this.out.resolve("report.md"));
	}

	/**
	 * Starts the service as {@code spec} says, ingests the warm-up slice of {@code synthetic}, then the corpus in
	 * {@link #INGEST_ROUNDS} slices (each followed by raw ONNX Runtime on its chunk texts when
	 * {@code spec.rawBeside()}), the rest of {@code synthetic}, and with {@code spec.searchPhases()} the search,
	 * query and cached-query phases.
	 */
	private RunResult serviceRun(RunSpec spec, Corpus corpus, List<BenchCorpus.Doc> synthetic, List<String> queries)
			throws Exception {
		String key = spec.label().replace(' ', '_');
		int threads = defaults().effectiveThreads();
		line("%n# Service run: %s (%s%s%s), load average %s", spec.label(), spec.model().id(),
				spec.jvmArgs().isEmpty() ? "" : ", " + String.join(" ", spec.jvmArgs()),
				spec.appArgs().isEmpty() ? "" : ", " + String.join(" ", spec.appArgs()), loadAverage());
		List<String> appArgs = new ArrayList<>(spec.appArgs());
		appArgs.add("--ragwell.embedding.model=" + spec.model().id());
		try (Service service = Service.start(List.of("-jar", this.jar.toAbsolutePath().toString()), spec.jvmArgs(),
				spec.environment(), appArgs, this.out, spec.jfr(), key);
				RawOnnx raw = spec.rawBeside() ? new RawOnnx(spec.model(), threads, 1) : null) {
			String base = "http://127.0.0.1:" + service.port();
			line("ready after %.2f s, %.2f s of CPU (process start to readiness UP)", service.readySeconds(),
					service.readyCpuSeconds());
			// Warm-up: the first synthetic documents (part of the corpus either way) go in before SciFact, so
			// the measured ingestion runs JIT-compiled code, as the raw and peer baselines do after theirs.
			List<BenchCorpus.Doc> warmup = synthetic.subList(0, Math.min(this.warmupDocs, synthetic.size()));
			Latencies warm = ingest(base, warmup);
			long warmChunks = this.ingestedChunks.getAndSet(0);
			if (raw != null) {
				raw.single(corpus.texts().subList(0, Math.min(200, corpus.texts().size())));
			}
			line("%n## Ingestion over HTTP (%d documents per request, %d clients)%s%n", INGEST_BATCH, INGEST_CLIENTS,
					(raw == null) ? "" : ", each round followed by raw ONNX Runtime on its chunk texts (" + threads
							+ " threads x 1 intra-op, one text per call: the service's shape)");
			line("| corpus | documents | chunks | seconds | chunks/s | raw ONNX texts/s | ratio | errors | client CPU %% | load |");
			line("|---|---|---|---|---|---|---|---|---|---|");
			line("| synthetic, JIT warm-up (short chunks; not compared) | %d | %d | %.1f | %.1f | | | %d | %.0f | %s |",
					warmup.size(), warmChunks, warm.wallNanos() / 1e9, warmChunks / (warm.wallNanos() / 1e9),
					warm.errors(), 100 * warm.clientCpuShare(), loadAverage());
			List<Double> ratios = new ArrayList<>();
			long ingested = 0;
			double ingestSeconds = 0;
			for (int round = 0; round < INGEST_ROUNDS; round++) {
				Corpus slice = corpus.slice(round, INGEST_ROUNDS);
				this.ingestedChunks.set(0);
				Latencies ingest = ingest(base, slice.docs());
				long chunks = this.ingestedChunks.get();
				if (chunks != slice.texts().size()) {
					line("WARNING: the service made %d chunks, the local chunker %d", chunks, slice.texts().size());
				}
				double rate = chunks / (ingest.wallNanos() / 1e9);
				ingested += chunks;
				ingestSeconds += ingest.wallNanos() / 1e9;
				String rawCell = "";
				String ratioCell = "";
				if (raw != null) {
					double rawRate = raw.measure("single", slice.texts(), 1, null).perSecond();
					ratios.add(rate / rawRate);
					rawCell = String.format(Locale.ROOT, "%.1f", rawRate);
					ratioCell = String.format(Locale.ROOT, "%.2f", rate / rawRate);
				}
				line("| SciFact, round %d of %d | %d | %d | %.1f | %.1f | %s | %s | %d | %.0f | %s |", round + 1,
						INGEST_ROUNDS, slice.docs().size(), chunks, ingest.wallNanos() / 1e9, rate, rawCell, ratioCell,
						ingest.errors(), 100 * ingest.clientCpuShare(), loadAverage());
			}
			double ingestRate = ingested / ingestSeconds;
			long corpusChunks = warmChunks + ingested;
			List<BenchCorpus.Doc> rest = synthetic.subList(warmup.size(), synthetic.size());
			if (!rest.isEmpty()) {
				this.ingestedChunks.set(0);
				Latencies big = ingest(base, rest);
				corpusChunks += this.ingestedChunks.get();
				line("| synthetic, the rest | %d | %d | %.1f | %.1f | | | %d | %.0f | %s |", rest.size(),
						this.ingestedChunks.get(), big.wallNanos() / 1e9,
						this.ingestedChunks.get() / (big.wallNanos() / 1e9), big.errors(), 100 * big.clientCpuShare(),
						loadAverage());
			}
			if (!ratios.isEmpty()) {
				line("%ningestion / raw ONNX, median of %d interleaved rounds: **%.2f** (rounds %s)", INGEST_ROUNDS,
						median(ratios), ratios.stream().map((r) -> String.format(Locale.ROOT, "%.2f", r)).toList());
			}
			Map<Integer, Latencies> search = new LinkedHashMap<>();
			Map<Integer, Latencies> query = new LinkedHashMap<>();
			if (spec.searchPhases()) {
				searchPhases(spec, base, corpusChunks, queries, search, query);
			}
			Map<String, Long> memory = service.memory();
			long indexBytes = service.indexBytes();
			line("%n## Service memory and index%n%n| VmHWM (peak RSS) MiB | VmRSS at end MiB | index MiB | chunks | index bytes per chunk |%n|---|---|---|---|---|");
			line("| %d | %d | %.1f | %d | %.0f |", memory.get("VmHWM") / 1024, memory.get("VmRSS") / 1024,
					indexBytes / 1048576.0, corpusChunks, (double) indexBytes / corpusChunks);
			return new RunResult(ingestRate, ratios, search, query, memory.get("VmHWM") / 1024, corpusChunks,
					indexBytes, service.readySeconds());
		}
	}

	private final AtomicInteger querySequence = new AtomicInteger();

	/** /search and /query at 1, 8, 32 clients, raw ONNX beside /search when the spec asks, then cached /query. */
	private void searchPhases(RunSpec spec, String base, long corpusChunks, List<String> queries,
			Map<Integer, Latencies> search, Map<Integer, Latencies> query) throws Exception {
		boolean main = spec.rawBeside();
		String prefix = main ? "" : "footprint_";
		// Warm-up: JIT, Lucene's searcher, the HTTP stack; distinct queries so the caches stay cold.
		LoadPhase.run(8, Duration.ofSeconds(this.quick ? 5 : 15), 2000,
				(i) -> post(base, "/search", unique(queries, this.querySequence.getAndIncrement())));
		line("%n## /search over %d chunks (top_k 10, hybrid, every query text distinct: no cache hits)%n", corpusChunks);
		header();
		for (int clients : CLIENTS) {
			int first = this.querySequence.get();
			Latencies result = LoadPhase.run(clients, this.phase, MAX_REQUESTS_PER_PHASE,
					(i) -> post(base, "/search", unique(queries, this.querySequence.getAndIncrement())));
			int last = this.querySequence.get();
			search.put(clients, result);
			row("/search", clients, result);
			if (main && clients == 1) {
				rawQueryLatency(spec.model(), queries, first, last, result);
			}
			if (main && clients == 32) {
				rawQueryThroughput(spec.model(), queries, first, last, result);
			}
		}
		line("%n## /query (extractive answer, uncached)%n");
		header();
		for (int clients : CLIENTS) {
			Latencies result = LoadPhase.run(clients, this.phase, MAX_REQUESTS_PER_PHASE,
					(i) -> post(base, "/query", unique(queries, this.querySequence.getAndIncrement())));
			query.put(clients, result);
			row("/query", clients, result);
		}
		// The same 16 questions again and again: every request after the first round is a cache hit.
		List<String> repeated = queries.subList(0, 16);
		for (String q : repeated) {
			post(base, "/query", q);
		}
		// Warm-up of the cache-hit path (its own code: lookup, copy, serialisation), as the phases above had.
		LoadPhase.run(8, Duration.ofSeconds(this.quick ? 3 : 10), MAX_REQUESTS_PER_PHASE,
				(i) -> post(base, "/query", repeated.get(i % repeated.size())));
		line("%n## /query repeated (served from the response cache)%n");
		header();
		Map<Integer, Latencies> cached = new LinkedHashMap<>();
		List<Double> cachedP99 = new ArrayList<>();
		// One client three times (the target asks for a p99 that is stable, not one lucky phase), then 8 and 32.
		for (int clients : new int[] { 1, 1, 1, 8, 32 }) {
			Latencies result = LoadPhase.run(clients, this.phase.dividedBy(2), MAX_REQUESTS_PER_PHASE,
					(i) -> post(base, "/query", repeated.get(i % repeated.size())));
			cached.put(clients, result);
			if (clients == 1) {
				cachedP99.add(result.percentileMs(0.99));
			}
			row("/query cached", clients, result);
		}
		this.summary.put(prefix + "search_throughput_1", round(search.get(1).throughput()));
		this.summary.put(prefix + "search_throughput_32", round(search.get(32).throughput()));
		this.summary.put(prefix + "query_throughput_32", round(query.get(32).throughput()));
		if (!main) {
			return;
		}
		this.summary.put("search_p50_ms_1", round(search.get(1).percentileMs(0.50)));
		this.summary.put("search_p99_ms_1", round(search.get(1).percentileMs(0.99)));
		this.summary.put("search_p50_ms_32", round(search.get(32).percentileMs(0.50)));
		this.summary.put("search_p99_ms_32", round(search.get(32).percentileMs(0.99)));
		this.summary.put("query_p50_ms_1", round(query.get(1).percentileMs(0.50)));
		this.summary.put("query_p99_ms_1", round(query.get(1).percentileMs(0.99)));
		this.summary.put("query_to_search_ratio_1",
				round(query.get(1).percentileMs(0.50) / search.get(1).percentileMs(0.50)));
		this.summary.put("cached_query_p99_ms", round(median(cachedP99)));
		this.summary.put("cached_query_p99_ms_phases", cachedP99.stream().map(ServiceBenchmark::round).toList());
		this.summary.put("cached_query_p50_ms", round(cached.get(1).percentileMs(0.50)));
		this.summary.put("cached_query_p99_ms_32", round(cached.get(32).percentileMs(0.99)));
		this.summary.put("loadgen_cpu_share_search_1", round(search.get(1).clientCpuShare()));
		this.summary.put("loadgen_cpu_share_search_32", round(search.get(32).clientCpuShare()));
		this.summary.put("loadgen_cpu_ms_per_request_search_32", round(search.get(32).clientCpuMsPerRequest()));
		this.summary.put("loadgen_cpu_share_cached_32", round(cached.get(32).clientCpuShare()));
	}

	/**
	 * Right after {@code /search} at one client, with the service idle: one raw ONNX call per query text of that
	 * phase (the same texts, in order), one thread with one intra-op thread, as a query runs in the service.
	 */
	private void rawQueryLatency(OnnxModel model, List<String> queries, int first, int last, Latencies search) {
		List<String> texts = new ArrayList<>();
		for (int i = first; i < last; i++) {
			texts.add(model.queryPrefix() + unique(queries, i));
		}
		try (RawOnnx raw = new RawOnnx(model, 1, 1)) {
			raw.latencies(queries.subList(0, Math.min(200, queries.size())), Long.MAX_VALUE);
			Latencies model1 = Latencies.of(raw.latencies(texts, System.nanoTime() + this.phase.toNanos()), 0, 0, "");
			double p50 = model1.percentileMs(0.50);
			double p99 = model1.percentileMs(0.99);
			line("%n| raw ONNX, one call per query text of the phase above, 1 thread x 1 intra-op | texts | p50 ms | p99 ms | /search p50 / raw p50 | /search p99 / raw p99 |%n|---|---|---|---|---|---|");
			line("| (service idle, load %s) | %d | %.2f | %.2f | **%.2f** | %.2f |", loadAverage(), model1.count(), p50, p99,
					search.percentileMs(0.50) / p50, search.percentileMs(0.99) / p99);
			this.summary.put("raw_query_p50_ms_1", round(p50));
			this.summary.put("raw_query_p99_ms_1", round(p99));
			this.summary.put("search_overhead_ratio_1", round(search.percentileMs(0.50) / p50));
			this.summary.put("search_overhead_ratio_p99_1", round(search.percentileMs(0.99) / p99));
		}
	}

	/**
	 * Right after {@code /search} at 32 clients: raw ONNX on that phase's query texts, one per call, on as many
	 * threads as the service's embedder (1 intra-op each): the most queries per second the model allows here.
	 */
	private void rawQueryThroughput(OnnxModel model, List<String> queries, int first, int last, Latencies search) {
		int threads = defaults().effectiveThreads();
		List<String> texts = new ArrayList<>();
		for (int i = first; i < Math.min(last, first + 4000); i++) {
			texts.add(model.queryPrefix() + unique(queries, i));
		}
		try (RawOnnx raw = new RawOnnx(model, threads, 1)) {
			raw.single(queries.subList(0, Math.min(200, queries.size())));
			double rate = raw.measure("single", texts, 1, null).perSecond();
			line("%n| raw ONNX, the phase's query texts, one per call, %d threads x 1 intra-op | texts | texts/s | /search req/s @32 / raw |%n|---|---|---|---|",
					threads);
			line("| (service idle, load %s) | %d | %.1f | **%.2f** |", loadAverage(), texts.size(), rate,
					search.throughput() / rate);
			this.summary.put("raw_query_per_second_service_threads", round(rate));
			this.summary.put("search_ratio_to_raw_32", round(search.throughput() / rate));
		}
	}

	/**
	 * {@code ready_seconds}: process start to readiness UP (model loaded, index open; the default model, an empty
	 * index) for the extracted jar without and with the AOT cache, interleaved, median of {@code --ready-starts} (3).
	 */
	private void readiness() throws Exception {
		if (!Files.isRegularFile(this.aotJar)) {
			line("%nready_seconds: skipped, no extracted jar at %s (bench/run builds it)", this.aotJar);
			return;
		}
		boolean cache = Files.isRegularFile(this.aotCache);
		List<Double> without = new ArrayList<>();
		List<Double> with = new ArrayList<>();
		List<Double> withoutCpu = new ArrayList<>();
		List<Double> withCpu = new ArrayList<>();
		for (int i = 0; i < this.readyStarts; i++) {
			double[] plain = readyOnce(List.of());
			without.add(plain[0]);
			withoutCpu.add(plain[1]);
			if (cache) {
				double[] aot = readyOnce(List.of("-XX:AOTCache=" + this.aotCache.toAbsolutePath()));
				with.add(aot[0]);
				withCpu.add(aot[1]);
			}
		}
		line("%n## Readiness: process start to /actuator/health/readiness UP (default model, empty index), median of %d, load %s%n",
				this.readyStarts, loadAverage());
		line("| launch | runs (s) | median s | CPU s of the process at readiness (runs) | median CPU s |%n|---|---|---|---|---|");
		line("| java -jar %s | %s | %.2f | %s | %.2f |", this.aotJar, without, median(without), withoutCpu,
				median(withoutCpu));
		this.summary.put("ready_seconds", round(median(without)));
		this.summary.put("ready_cpu_seconds", round(median(withoutCpu)));
		this.summary.put("ready_seconds_runs", without.stream().map(ServiceBenchmark::round).toList());
		if (cache) {
			line("| java -XX:AOTCache=%s -jar %s | %s | **%.2f** | %s | %.2f |", this.aotCache, this.aotJar, with,
					median(with), withCpu, median(withCpu));
			this.summary.put("ready_seconds_aot", round(median(with)));
			this.summary.put("ready_cpu_seconds_aot", round(median(withCpu)));
			this.summary.put("ready_seconds_aot_runs", with.stream().map(ServiceBenchmark::round).toList());
		}
		else {
			line("(no AOT cache at %s: deploy/aot-cache.sh builds it)", this.aotCache);
		}
	}

	/** Wall and CPU seconds from process start to readiness UP. */
	private double[] readyOnce(List<String> jvmArgs) throws Exception {
		try (Service service = Service.start(List.of("-jar", this.aotJar.toAbsolutePath().toString()), jvmArgs, Map.of(),
				List.of("--ragwell.embedding.model=" + DEFAULT_MODEL.id()), this.out, false, "ready")) {
			return new double[] { round(service.readySeconds()), round(service.readyCpuSeconds()) };
		}
	}

	/** The footprint run: {@link #FOOTPRINT_HEAP}, ONNX Runtime's arena off, two glibc malloc arenas. */
	private void footprint(RunResult main, Corpus corpus, List<BenchCorpus.Doc> synthetic, List<String> queries)
			throws Exception {
		List<String> appArgs = new ArrayList<>(this.serviceArgs);
		appArgs.add("--ragwell.embedding.cpu-arena=false");
		RunResult small = serviceRun(new RunSpec("footprint", MODEL, List.of(FOOTPRINT_HEAP),
				Map.of("MALLOC_ARENA_MAX", "2"), appArgs, false, true, false), corpus, synthetic, queries);
		double ingest = small.ingestRate() / main.ingestRate();
		double search = small.search().get(32).throughput() / main.search().get(32).throughput();
		double query = small.query().get(32).throughput() / main.query().get(32).throughput();
		Map<String, Object> footprint = new LinkedHashMap<>();
		footprint.put("jvm_args", List.of(FOOTPRINT_HEAP));
		footprint.put("service_args", appArgs);
		footprint.put("environment", Map.of("MALLOC_ARENA_MAX", "2"));
		footprint.put("ingest_ratio", round(ingest));
		footprint.put("search_32_ratio", round(search));
		footprint.put("query_32_ratio", round(query));
		footprint.put("throughput_ratio", round(Math.min(ingest, Math.min(search, query))));
		footprint.put("peak_rss_mb", small.peakRssMb());
		footprint.put("default_heap_peak_rss_mb", main.peakRssMb());
		footprint.put("corpus_chunks", small.corpusChunks());
		footprint.put("index_bytes_per_chunk", round((double) small.indexBytes() / small.corpusChunks()));
		this.summary.put("footprint", footprint);
		line("%n## Footprint: %s, ONNX Runtime arena off, MALLOC_ARENA_MAX=2, against the default-heap run%n",
				FOOTPRINT_HEAP);
		line("| ingest ratio | /search @32 ratio | /query @32 ratio | peak RSS MiB (default heap) | index bytes per chunk |%n|---|---|---|---|---|");
		line("| %.2f | %.2f | %.2f | **%d** (%d) | %.0f |", ingest, search, query, small.peakRssMb(), main.peakRssMb(),
				(double) small.indexBytes() / small.corpusChunks());
	}

	private void rawShapes(List<String> rawTexts, List<String> queries, double embedderAlone) {
		line("%n## Raw ONNX Runtime, same model file, %d of the same chunk texts, service stopped%n", rawTexts.size());
		line("| configuration | texts/s | min cosine to one-per-call |%n|---|---|---|");
		line("| Ragwell's OnnxEmbedder alone (its defaults; 2 callers, batches of %d), median of 3 before the service | %.1f | 1 |",
				EMBEDDER_CALL, embedderAlone);
		this.summary.put("embedder_alone_embeddings_per_second", round(embedderAlone));
		double rawSingle = rawSingle(rawTexts);
		line("| one text per call, 2 threads x 1 intra-op (the service's shape), median of 3 | %.1f | 1 |", rawSingle);
		this.summary.put("raw_onnx_single_embeddings_per_second", round(rawSingle));
		this.summary.put("embedder_alone_ratio_to_raw", round(embedderAlone / rawSingle));
		try (RawOnnx raw = new RawOnnx(2, 1)) {
			float[][] reference = raw.single(rawTexts);
			for (int batch : new int[] { 8, 32 }) {
				RawOnnx.Result result = raw.measure("padded-" + batch, rawTexts, batch, reference);
				line("| padded batches of %d, length-sorted, 2 threads x 1 intra-op | %.1f | %.4f |", batch,
						result.perSecond(), result.minCosineToSingle());
				this.summary.put("raw_onnx_padded_" + batch + "_embeddings_per_second", round(result.perSecond()));
			}
			// Queries are what dynamic micro-batching would gather: short texts, one per request.
			List<String> queryTexts = queries.subList(0, Math.min(600, queries.size()));
			float[][] queryReference = raw.single(queryTexts);
			line("%n| queries (%d short texts) | texts/s | min cosine to one-per-call |%n|---|---|---|",
					queryTexts.size());
			RawOnnx.Result singleQueries = raw.measure("single", queryTexts, 1, null);
			line("| one per call | %.1f | 1 |", singleQueries.perSecond());
			this.summary.put("raw_onnx_query_single_per_second", round(singleQueries.perSecond()));
			for (int batch : new int[] { 4, 8, 32 }) {
				RawOnnx.Result result = raw.measure("padded-" + batch, queryTexts, batch, queryReference);
				line("| padded batches of %d | %.1f | %.4f |", batch, result.perSecond(), result.minCosineToSingle());
				this.summary.put("raw_onnx_query_padded_" + batch + "_per_second", round(result.perSecond()));
			}
		}
		try (RawOnnx raw = new RawOnnx(1, 2)) {
			raw.single(rawTexts.subList(0, Math.min(100, rawTexts.size())));
			RawOnnx.Result result = raw.measure("single-intra2", rawTexts, 1, null);
			line("%n| one text per call, 1 thread x 2 intra-op | %.1f |%n|---|---|", result.perSecond());
			this.summary.put("raw_onnx_single_intra2_embeddings_per_second", round(result.perSecond()));
		}
	}

	private void peer(List<List<String>> chunkBatches, List<List<String>> syntheticBatches, List<String> chunkTexts,
			long chunkTokens, long peerTokens, List<String> queries, RunResult main) {
		double ingestRate = main.ingestRate();
		PeerPipeline peer = new PeerPipeline();
		peer.ingest(chunkBatches.subList(0, Math.min(3, chunkBatches.size())));
		// The physical limit for the peer's own work (the same texts cut at 128 tokens), measured right before
		// and right after the peer: how close the peer itself runs to raw ONNX Runtime. If it is near 1, no
		// pipeline on this model can ingest at 2x the peer's rate on equal work.
		double rawPeerWorkBefore = rawSingle(chunkTexts, PEER_MAX_TOKENS, 1);
		peer = new PeerPipeline();
		double peerSeconds = peer.ingest(chunkBatches);
		double peerRate = chunkTexts.size() / peerSeconds;
		double rawPeerWorkAfter = rawSingle(chunkTexts, PEER_MAX_TOKENS, 1);
		double rawPeerWork = (rawPeerWorkBefore + rawPeerWorkAfter) / 2;
		// Equal work: the service embeds every token of a chunk, the peer its first 128 (see PEER_MAX_TOKENS).
		double perTokenRatio = (chunkTokens / (chunkTexts.size() / ingestRate)) / (peerTokens / peerSeconds);
		if (!syntheticBatches.isEmpty()) {
			// Untimed: the peer's store must hold the same corpus as the service's for the search comparison.
			peer.ingest(syntheticBatches);
		}
		PeerPipeline warm = peer;
		AtomicInteger peerSequence = new AtomicInteger();
		LoadPhase.run(8, Duration.ofSeconds(this.quick ? 5 : 15), 2000,
				(i) -> warm.search(unique(queries, peerSequence.getAndIncrement())));
		line("%n## Peer: LangChain4j AllMiniLmL6V2QuantizedEmbeddingModel + InMemoryEmbeddingStore (in process)%n");
		line("| ingest chunks/s | ours chunks/s | ours / peer | tokens embedded: peer / ours | ours / peer per token |");
		line("|---|---|---|---|---|");
		line("| %.1f | %.1f | %.2f | %.2f | %.2f |", peerRate, ingestRate, ingestRate / peerRate,
				(double) peerTokens / chunkTokens, perTokenRatio);
		line("%n| raw ONNX on the peer's work (texts cut at %d tokens, one per call, 2 x 1), before / after the peer | peer / raw (mean) |%n|---|---|",
				PEER_MAX_TOKENS);
		line("| %.1f / %.1f | %.2f |", rawPeerWorkBefore, rawPeerWorkAfter, peerRate / rawPeerWork);
		this.summary.put("raw_onnx_peer_work_embeddings_per_second", round(rawPeerWork));
		this.summary.put("peer_ratio_to_raw_equal_work", round(peerRate / rawPeerWork));
		line("%n/search equivalent over the same %d chunks: embed the query, top 10 by cosine (brute force)%n",
				peer.size());
		line("| search clients | peer req/s | peer p50 ms | peer p99 ms | ours req/s | ours p50 ms | ours p99 ms | ours / peer req/s |");
		line("|---|---|---|---|---|---|---|---|");
		for (int clients : CLIENTS) {
			Latencies result = LoadPhase.run(clients, this.phase, MAX_REQUESTS_PER_PHASE,
					(i) -> warm.search(unique(queries, peerSequence.getAndIncrement())));
			Latencies ours = main.search().get(clients);
			line("| %d | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f |", clients, result.throughput(),
					result.percentileMs(0.5), result.percentileMs(0.99), ours.throughput(), ours.percentileMs(0.5),
					ours.percentileMs(0.99), ours.throughput() / result.throughput());
			if (clients == 32) {
				this.summary.put("peer_search_throughput_32", round(result.throughput()));
				this.summary.put("peer_search_ratio_32", round(ours.throughput() / result.throughput()));
			}
		}
		this.summary.put("peer_ingest_embeddings_per_second", round(peerRate));
		this.summary.put("peer_ingest_ratio", round(ingestRate / peerRate));
		this.summary.put("peer_ingest_ratio_per_token", round(perTokenRatio));
		this.summary.put("peer_search_corpus_chunks", peer.size());
	}

	/** The targets, each beside its value (missing when its phase was skipped). */
	private void ratios() {
		line("%n## Targets (one run, same machine; load average at start %s, at end %s)%n",
				this.summary.get("load_average_start"), this.summary.get("load_average_end"));
		line("| summary.json key | value | target |%n|---|---|---|");
		target("search_overhead_ratio_1", "<= 1.5");
		target("search_overhead_ratio_p99_1", "(info: p99 / raw p99)");
		target("search_ratio_to_raw_32", ">= 0.7");
		target("query_to_search_ratio_1", "<= 1.3");
		target("cached_query_p99_ms", "<= 1 (median of 3 phases; " + this.summary.get("cached_query_p99_ms_phases") + ")");
		target("ingest_ratio_to_raw", ">= 0.9 (median of " + INGEST_ROUNDS + " interleaved rounds)");
		target("ingest_ratio_to_raw_default_model", ">= 0.9 (" + DEFAULT_MODEL.id() + ")");
		target("ready_seconds_aot", "<= 2 (without the cache: " + this.summary.get("ready_seconds") + "; CPU s at readiness "
				+ this.summary.get("ready_cpu_seconds_aot") + " with, " + this.summary.get("ready_cpu_seconds") + " without)");
		if (this.summary.get("footprint") instanceof Map<?, ?> footprint) {
			line("| footprint.throughput_ratio | %s | >= 0.95 |", footprint.get("throughput_ratio"));
			line("| footprint.peak_rss_mb | %s | <= 768 |", footprint.get("peak_rss_mb"));
		}
		target("peer_search_ratio_32", "(info)");
		target("peer_ingest_ratio_per_token", "(info)");
	}

	private void target(String key, String target) {
		line("| %s | %s | %s |", key, this.summary.getOrDefault(key, "(not measured)"), target);
	}

	private static EmbeddingProperties defaults() {
		// Bound from nothing: the @DefaultValue defaults the service starts with.
		return new Binder().bindOrCreate("ragwell.embedding", EmbeddingProperties.class);
	}

	private final AtomicLong ingestedChunks = new AtomicLong();

	private Latencies ingest(String base, List<BenchCorpus.Doc> docs) {
		int batches = Math.ceilDiv(docs.size(), INGEST_BATCH);
		return LoadPhase.run(INGEST_CLIENTS, Duration.ofHours(2), batches, (b) -> {
			List<Map<String, Object>> batch = new ArrayList<>();
			for (BenchCorpus.Doc doc : docs.subList(b * INGEST_BATCH, Math.min(docs.size(), (b + 1) * INGEST_BATCH))) {
				batch.add(doc.toJson());
			}
			HttpResponse<String> response = send(base + "/documents", Map.of("documents", batch),
					Duration.ofMinutes(5));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("POST /documents " + response.statusCode() + ": " + response.body());
			}
			for (JsonNode result : BenchCorpus.JSON.readTree(response.body()).get("documents")) {
				this.ingestedChunks.addAndGet(result.get("chunks").asInt());
			}
			return true;
		});
	}

	/** Query {@code i} of an endless sequence in which no text repeats: caches never hit. */
	private static String unique(List<String> queries, int i) {
		String query = queries.get(i % queries.size());
		int round = i / queries.size();
		return (round == 0) ? query : query + " " + round;
	}

	private boolean post(String base, String path, String query) throws Exception {
		HttpResponse<String> response = send(base + path, Map.of("query", query, "top_k", 10), Duration.ofSeconds(60));
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " " + response.statusCode() + ": " + response.body());
		}
		return true;
	}

	private HttpResponse<String> send(String url, Object body, Duration timeout) {
		return BenchCorpus.postJson(this.http, url, body, timeout);
	}

	private void header() {
		line("| endpoint | clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors | client CPU %% of cores | load |");
		line("|---|---|---|---|---|---|---|---|---|---|");
	}

	private void row(String endpoint, int clients, Latencies result) {
		line("| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %d | %.0f | %s |", endpoint, clients, result.count(),
				result.throughput(), result.percentileMs(0.5), result.percentileMs(0.95), result.percentileMs(0.99),
				result.errors(), 100 * result.clientCpuShare(), loadAverage());
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

	/** Median of 3 passes of raw ONNX Runtime, one text per call, 2 threads x 1 intra-op, after a warm-up. */
	private static double rawSingle(List<String> texts) {
		return rawSingle(texts, MODEL.maxSequenceLength(), 3);
	}

	/** Median of {@code passes} passes of raw ONNX Runtime, one text per call, texts cut at {@code maxTokens}. */
	private static double rawSingle(List<String> texts, int maxTokens, int passes) {
		try (RawOnnx raw = new RawOnnx(2, 1, maxTokens)) {
			raw.single(texts.subList(0, Math.min(200, texts.size())));
			List<Double> rates = new ArrayList<>();
			for (int pass = 0; pass < passes; pass++) {
				rates.add(raw.measure("single", texts, 1, null).perSecond());
			}
			return median(rates);
		}
	}

	/** Texts per embedBatch call in {@link #embedderAlone}: about one 32-document ingest request of SciFact. */
	private static final int EMBEDDER_CALL = 64;

	/**
	 * Median of 3 passes of {@link OnnxEmbedder} as the service configures it by default, fed as 2 ingest
	 * clients feed it: two callers, each handing over one request's worth of texts at a time.
	 */
	private static double embedderAlone(List<String> texts) {
		// Bound from nothing: the @DefaultValue defaults the service starts with.
		EmbeddingProperties defaults = new Binder().bindOrCreate("ragwell.embedding", EmbeddingProperties.class);
		try (OnnxEmbedder embedder = new OnnxEmbedder(MODEL, defaults.batchSize(), defaults.effectiveThreads())) {
			embedder.embedBatch(texts.subList(0, Math.min(200, texts.size())));
			List<Double> passes = new ArrayList<>();
			for (int pass = 0; pass < 3; pass++) {
				AtomicInteger next = new AtomicInteger();
				long start = System.nanoTime();
				List<Thread> callers = new ArrayList<>();
				for (int c = 0; c < INGEST_CLIENTS; c++) {
					callers.add(Thread.ofVirtual().start(() -> {
						int from;
						while ((from = next.getAndAdd(EMBEDDER_CALL)) < texts.size()) {
							embedder.embedBatch(texts.subList(from, Math.min(texts.size(), from + EMBEDDER_CALL)));
						}
					}));
				}
				for (Thread caller : callers) {
					caller.join();
				}
				passes.add(texts.size() / ((System.nanoTime() - start) / 1e9));
			}
			return median(passes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> everyNth(List<String> texts, int n) {
		List<String> picked = new ArrayList<>();
		for (int i = 0; i < texts.size(); i += n) {
			picked.add(texts.get(i));
		}
		return picked;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** The service as a child process; stopped (SIGTERM, then kill) on close. */
	record Service(Process process, int port, Path dataDir, double readySeconds, double readyCpuSeconds)
			implements AutoCloseable {

		/** The packaged jar on the peer's model, as {@link SearchUnderIngest} starts it. */
		static Service start(Path jar, Path out, boolean jfr, List<String> extraArgs)
				throws IOException, InterruptedException {
			List<String> appArgs = new ArrayList<>();
			appArgs.add("--ragwell.embedding.model=" + MODEL.id());
			appArgs.addAll(extraArgs);
			return start(List.of("-jar", jar.toAbsolutePath().toString()), List.of(), Map.of(), appArgs, out, jfr,
					"service");
		}

		/**
		 * Starts {@code java --add-modules jdk.incubator.vector JVM_ARGS LAUNCH APP_ARGS} on a free loopback port
		 * with a temporary index, and waits for readiness UP, polling every 20 ms: {@link #readySeconds()} is the
		 * time from starting the process to the first 200.
		 */
		static Service start(List<String> launch, List<String> jvmArgs, Map<String, String> environment,
				List<String> appArgs, Path out, boolean jfr, String logName) throws IOException, InterruptedException {
			Path jarPath = Path.of(launch.getLast());
			if (!Files.isRegularFile(jarPath)) {
				throw new IllegalStateException(jarPath + " is missing: run ./mvnw package first (bench/run does)");
			}
			Path dataDir = Files.createTempDirectory("ragwell-bench");
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"--add-modules", "jdk.incubator.vector"));
			command.addAll(jvmArgs);
			if (jfr) {
				command.add("-XX:StartFlightRecording=filename=" + out.toAbsolutePath().resolve(logName + ".jfr")
						+ ",settings=profile");
			}
			command.addAll(launch);
			command.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port,
					"--ragwell.store.lucene.path=" + dataDir.resolve("index"),
					"--ragwell.feedback.path=" + dataDir.resolve("feedback.jsonl"),
					// Every file the service writes under its own directory: two services run side by side
					// (InterleavedAb) and must not share the working directory's ./data (a shared query log made
					// their writers race on rotation, and one side measured 12-34 % faster than the same jar).
					"--ragwell.query-log.path=" + dataDir.resolve("query-log"),
					"--ragwell.jobs.path=" + dataDir.resolve("jobs"), "--ragwell.assets.path=" + dataDir.resolve("assets")));
			command.addAll(appArgs);
			Path log = out.resolve(logName + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			long started = System.nanoTime();
			Process process = builder.start();
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest readiness = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			// Generous: a start on a 2-core host shared with builds took 3 min (load average 30).
			long deadline = started + Duration.ofMinutes(10).toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					rm(dataDir);
					throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
				}
				try {
					if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						double wall = (System.nanoTime() - started) / 1e9;
						return new Service(process, port, dataDir, wall, cpuSeconds(process.pid()));
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(20);
			}
			new Service(process, port, dataDir, 0, 0).close();
			throw new IllegalStateException("the service was not ready within 10 minutes; see " + log);
		}

		/**
		 * User + system CPU seconds of process {@code pid} so far ({@code /proc/<pid>/stat}, clock ticks of 1/100 s):
		 * what a start costs whatever else the host runs, where wall time on a shared host measures the queue.
		 */
		static double cpuSeconds(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		/** {@code VmHWM} and {@code VmRSS} from {@code /proc/<pid>/status}, in KiB. */
		Map<String, Long> memory() throws IOException {
			Map<String, Long> values = new LinkedHashMap<>();
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
					values.put(line.substring(0, 5), Long.parseLong(line.replaceAll("[^0-9]", "")));
				}
			}
			return values;
		}

		/** Bytes of the index directory on disk. */
		long indexBytes() throws IOException {
			try (Stream<Path> files = Files.walk(this.dataDir.resolve("index"))) {
				return files.filter(Files::isRegularFile).mapToLong((file) -> {
					try {
						return Files.size(file);
					}
					catch (IOException ex) {
						return 0; // merged away while we walked
					}
				}).sum();
			}
		}

		@Override
		public void close() throws IOException {
			this.process.destroy();
			try {
				if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
			rm(this.dataDir);
		}

		private static void rm(Path dir) throws IOException {
			org.apache.lucene.util.IOUtils.rm(dir);
		}

	}

}
