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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.ragwell.embed.EmbeddingProperties;
import io.ragwell.embed.onnx.OnnxEmbedder;
import io.ragwell.embed.onnx.OnnxModel;
import io.ragwell.ingest.chunk.TokenAwareChunker;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The service benchmark: starts the packaged jar on a random loopback port with a temporary data directory,
 * ingests SciFact (and outside {@code --quick} a synthetic corpus up to 100k chunks) over HTTP, drives
 * {@code /search} and {@code /query} at 1, 8 and 32 concurrent clients, then measures the two baselines in
 * the same run on the same chunk texts: raw ONNX Runtime with the same model, and LangChain4j's in-process
 * pipeline. Prints tables and writes {@code summary.json}. Phases run one after another so they never
 * compete for the cores; every phase is bounded in time and request count. Traffic goes to 127.0.0.1 only.
 *
 * <p>Arguments: {@code --quick}, {@code --out DIR}, {@code --jar PATH}, {@code --shared DIR}, {@code --jfr}.
 */
public final class ServiceBenchmark {

	private static final int[] CLIENTS = { 1, 8, 32 };

	/**
	 * The model all three pipelines run: the peer's model (LangChain4j's {@code AllMiniLmL6V2QuantizedEmbeddingModel}
	 * ships only this one), so the service is started with it rather than its default (bge-small, ~2x the work
	 * per token), and raw ONNX Runtime runs the same file.
	 */
	private static final OnnxModel MODEL = OnnxModel.ALL_MINILM_L6_V2_Q;

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

	private ServiceBenchmark(boolean quick, Path out, Path jar, Path shared, boolean jfr, List<String> serviceArgs) {
		this.serviceArgs = List.copyOf(serviceArgs);
		this.quick = quick;
		this.out = out;
		this.jar = jar;
		this.shared = shared;
		this.jfr = jfr;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = false;
		boolean jfr = false;
		Path out = Path.of("target/bench");
		Path jar = Path.of("target/ragwell.jar");
		Path shared = Path.of("..", "shared");
		List<String> serviceArgs = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--jfr" -> jfr = true;
				case "--out" -> out = Path.of(args[++i]);
				case "--jar" -> jar = Path.of(args[++i]);
				case "--shared" -> shared = Path.of(args[++i]);
				case "--service-arg" -> serviceArgs.add(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i]
						+ " (expected --quick, --jfr, --out DIR, --jar PATH, --shared DIR, --service-arg ARG)");
			}
		}
		Files.createDirectories(out);
		new ServiceBenchmark(quick, out, jar, shared, jfr, serviceArgs).run();
	}

	private void run() throws Exception {
		Path scifact = this.shared.resolve("datasets/scifact");
		int docLimit = this.quick ? 1000 : Integer.MAX_VALUE;
		Duration phase = this.quick ? Duration.ofSeconds(8) : Duration.ofSeconds(20);
		List<BenchCorpus.Doc> docs = BenchCorpus.scifact(scifact.resolve("corpus.jsonl"), docLimit);
		List<String> queries = BenchCorpus.queries(scifact.resolve("queries.jsonl"));

		// 1. Chunk locally with the service's own chunker and tokenizer, so both baselines embed exactly the
		// texts the service embeds (checked against the chunk counts the service reports).
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
			synthetic = BenchCorpus.synthetic(docs, this.quick ? WARMUP_DOCS
					: Math.max(WARMUP_DOCS, 100_000 - scifactChunks), chunker);
			syntheticBatches.addAll(BenchCorpus.requestBatches(chunker, synthetic, INGEST_BATCH));
		}
		List<String> chunkTexts = chunkBatches.stream().flatMap(List::stream).toList();
		line("# Ragwell benchmark (%s) — %d cores, load average at start %s", this.quick ? "--quick" : "full",
				Runtime.getRuntime().availableProcessors(), loadAverage());
		line("SciFact slice: %d documents, %d chunks; %d queries; synthetic documents: %d", docs.size(),
				chunkTexts.size(), queries.size(), synthetic.size());
		this.summary.put("mode", this.quick ? "quick" : "full");
		this.summary.put("cores", Runtime.getRuntime().availableProcessors());
		this.summary.put("load_average_start", loadAverage());
		this.summary.put("model", MODEL.id());
		List<String> rawTexts = this.quick ? everyNth(chunkTexts, 4) : chunkTexts;
		// Raw ONNX before and after the service: sequential phases on a shared machine drift, and two
		// measurements around the service's ingestion bound the drift the ratio can carry.
		double rawBefore = rawSingle(rawTexts);
		// The service's own embedder class with its defaults, alone: separates what the embedder costs from
		// what the rest of ingestion (chunking, HTTP, Lucene) costs.
		double embedderAlone = embedderAlone(rawTexts);

		// 2. The service.
		AtomicInteger querySequence = new AtomicInteger();
		Map<String, Latencies> search = new LinkedHashMap<>();
		this.summary.put("service_args", this.serviceArgs);
		try (Service service = Service.start(this.jar, this.out, this.jfr, this.serviceArgs)) {
			String base = "http://127.0.0.1:" + service.port();
			// Warm-up: the first synthetic documents (part of the corpus either way) go in before SciFact, so
			// the measured ingestion runs JIT-compiled code, as the raw and peer baselines do after theirs.
			List<BenchCorpus.Doc> warmup = synthetic.subList(0, Math.min(WARMUP_DOCS, synthetic.size()));
			Latencies warm = ingest(base, warmup);
			long warmChunks = this.ingestedChunks.getAndSet(0);
			Latencies ingest = ingest(base, docs);
			long ingested = this.ingestedChunks.get();
			if (ingested != chunkTexts.size()) {
				line("WARNING: the service made %d chunks, the local chunker %d", ingested, chunkTexts.size());
			}
			double ingestRate = ingested / (ingest.wallNanos() / 1e9);
			line("%n## Ingestion over HTTP (%d documents per request, %d clients)%n", INGEST_BATCH, INGEST_CLIENTS);
			line("| corpus | documents | chunks | seconds | chunks/s | errors |%n|---|---|---|---|---|---|");
			line("| synthetic, JIT warm-up (short chunks; not compared) | %d | %d | %.1f | %.1f | %d |", warmup.size(),
					warmChunks, warm.wallNanos() / 1e9, warmChunks / (warm.wallNanos() / 1e9), warm.errors());
			line("| SciFact | %d | %d | %.1f | %.1f | %d |", docs.size(), ingested, ingest.wallNanos() / 1e9, ingestRate,
					ingest.errors());
			this.summary.put("ingest_embeddings_per_second", round(ingestRate));
			long corpusChunks = warmChunks + ingested;
			List<BenchCorpus.Doc> rest = synthetic.subList(warmup.size(), synthetic.size());
			if (!rest.isEmpty()) {
				this.ingestedChunks.set(0);
				Latencies big = ingest(base, rest);
				corpusChunks += this.ingestedChunks.get();
				line("| synthetic, the rest | %d | %d | %.1f | %.1f | %d |", rest.size(), this.ingestedChunks.get(),
						big.wallNanos() / 1e9, this.ingestedChunks.get() / (big.wallNanos() / 1e9), big.errors());
			}
			this.summary.put("corpus_chunks", corpusChunks);

			// Warm-up: JIT, Lucene's searcher, the HTTP stack; distinct queries so the caches stay cold.
			LoadPhase.run(8, Duration.ofSeconds(this.quick ? 5 : 15), 2000,
					(i) -> post(base, "/search", unique(queries, querySequence.getAndIncrement())));

			line("%n## /search over %d chunks (top_k 10, hybrid, every query text distinct: no cache hits)%n",
					corpusChunks);
			header();
			for (int clients : CLIENTS) {
				Latencies result = LoadPhase.run(clients, phase, MAX_REQUESTS_PER_PHASE,
						(i) -> post(base, "/search", unique(queries, querySequence.getAndIncrement())));
				search.put("ours-" + clients, result);
				row("/search", clients, result);
			}
			line("%n## /query (extractive answer, uncached)%n");
			header();
			Map<Integer, Latencies> query = new LinkedHashMap<>();
			for (int clients : CLIENTS) {
				Latencies result = LoadPhase.run(clients, phase, MAX_REQUESTS_PER_PHASE,
						(i) -> post(base, "/query", unique(queries, querySequence.getAndIncrement())));
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
			for (int clients : CLIENTS) {
				Latencies result = LoadPhase.run(clients, phase.dividedBy(2), MAX_REQUESTS_PER_PHASE,
						(i) -> post(base, "/query", repeated.get(i % repeated.size())));
				cached.put(clients, result);
				row("/query cached", clients, result);
			}
			Map<String, Long> memory = service.memory();
			line("%n## Service memory%n%n| VmHWM (peak RSS) MiB | VmRSS at end MiB |%n|---|---|");
			line("| %d | %d |", memory.get("VmHWM") / 1024, memory.get("VmRSS") / 1024);
			this.summary.put("service_peak_rss_mb", memory.get("VmHWM") / 1024);
			this.summary.put("search_throughput_32", round(search.get("ours-32").throughput()));
			this.summary.put("search_p50_ms_32", round(search.get("ours-32").percentileMs(0.50)));
			this.summary.put("search_p99_ms_32", round(search.get("ours-32").percentileMs(0.99)));
			this.summary.put("search_p99_ms_1", round(search.get("ours-1").percentileMs(0.99)));
			this.summary.put("query_p99_ms_1", round(query.get(1).percentileMs(0.99)));
			this.summary.put("cached_query_p99_ms", round(cached.get(1).percentileMs(0.99)));
			this.summary.put("cached_query_p99_ms_32", round(cached.get(32).percentileMs(0.99)));
		}

		// 3. Raw ONNX Runtime on the same chunk texts (service stopped: the cores are the model's alone).
		// Every fourth chunk text under --quick: the raw passes are repeated, and throughput per text does not
		// depend on how many texts there are once the pool is busy.
		double rawAfter = rawSingle(rawTexts);
		double rawSingle = (rawBefore + rawAfter) / 2;
		line("%n## Raw ONNX Runtime, same model file, %d of the same chunk texts (tokenise + run + pool)%n",
				rawTexts.size());
		line("| configuration | texts/s | min cosine to one-per-call |%n|---|---|---|");
		line("| one text per call, 2 threads x 1 intra-op (the service's shape), median of 3 before the service | %.1f | 1 |",
				rawBefore);
		line("| the same, median of 3 after the service | %.1f | 1 |", rawAfter);
		line("| Ragwell's OnnxEmbedder alone (its defaults; 2 callers, batches of %d), median of 3 before the service | %.1f | 1 |",
				EMBEDDER_CALL, embedderAlone);
		this.summary.put("embedder_alone_embeddings_per_second", round(embedderAlone));
		this.summary.put("embedder_alone_ratio_to_raw", round(embedderAlone / rawBefore));
		double rawBest;
		try (RawOnnx raw = new RawOnnx(2, 1)) {
			float[][] reference = raw.single(rawTexts);
			rawBest = rawSingle;
			for (int batch : new int[] { 8, 32 }) {
				RawOnnx.Result result = raw.measure("padded-" + batch, rawTexts, batch, reference);
				rawBest = Math.max(rawBest, result.perSecond());
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
		double ingestRate = ((Number) this.summary.get("ingest_embeddings_per_second")).doubleValue();
		// The physical limit is the fastest shape raw ONNX Runtime reached, batched or not.
		this.summary.put("raw_onnx_single_before_embeddings_per_second", round(rawBefore));
		this.summary.put("raw_onnx_single_after_embeddings_per_second", round(rawAfter));
		this.summary.put("raw_onnx_single_embeddings_per_second", round(rawSingle));
		this.summary.put("raw_onnx_embeddings_per_second", round(rawBest));
		this.summary.put("ingest_ratio_to_raw", round(ingestRate / rawBest));
		this.summary.put("ingest_ratio_to_raw_single", round(ingestRate / rawSingle));

		// 4. The peer pipeline, same chunk texts, same request-sized batches, same queries and concurrency.
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
		line("| search clients | peer req/s | peer p50 ms | peer p99 ms | ours req/s | ours p99 ms | ours / peer req/s |");
		line("|---|---|---|---|---|---|---|");
		for (int clients : CLIENTS) {
			Latencies result = LoadPhase.run(clients, phase, MAX_REQUESTS_PER_PHASE,
					(i) -> warm.search(unique(queries, peerSequence.getAndIncrement())));
			Latencies ours = search.get("ours-" + clients);
			line("| %d | %.1f | %.2f | %.2f | %.1f | %.2f | %.2f |", clients, result.throughput(),
					result.percentileMs(0.5), result.percentileMs(0.99), ours.throughput(), ours.percentileMs(0.99),
					ours.throughput() / result.throughput());
			if (clients == 32) {
				this.summary.put("peer_search_throughput_32", round(result.throughput()));
				this.summary.put("peer_search_ratio_32", round(ours.throughput() / result.throughput()));
			}
		}
		this.summary.put("peer_ingest_embeddings_per_second", round(peerRate));
		this.summary.put("peer_ingest_ratio", round(ingestRate / peerRate));
		this.summary.put("peer_ingest_ratio_per_token", round(perTokenRatio));
		this.summary.put("peer_search_corpus_chunks", peer.size());
		this.summary.put("load_average_end", loadAverage());

		line("%n## Ratios (one run, same machine)%n");
		line("| ratio | value | target |%n|---|---|---|");
		line("| ingestion / best raw ONNX shape (one-per-call or padded) | %.2f | >= 0.9 |",
				this.summary.get("ingest_ratio_to_raw"));
		line("| ingestion / raw ONNX one-per-call, mean of before and after | %.2f | (info) |",
				this.summary.get("ingest_ratio_to_raw_single"));
		line("| ingestion / peer | %.2f | >= 2 |", this.summary.get("peer_ingest_ratio"));
		line("| ingestion / peer, per token embedded (equal work) | %.2f | (info) |",
				this.summary.get("peer_ingest_ratio_per_token"));
		line("| peer ingestion / raw ONNX on the peer's work (the peer's distance from the limit) | %.2f | (info) |",
				this.summary.get("peer_ratio_to_raw_equal_work"));
		line("| /search @32 / peer search @32 | %.2f | >= 2 |", this.summary.get("peer_search_ratio_32"));
		line("| /search p99 @32 (ms) | %.1f | <= 25 (over 100k chunks) |", this.summary.get("search_p99_ms_32"));
		line("| cached /query p99 @1 (ms) | %.2f | <= 2 |", this.summary.get("cached_query_p99_ms"));
		Path summaryFile = this.out.resolve("summary.json");
		BenchCorpus.JSON.writerWithDefaultPrettyPrinter().writeValue(summaryFile.toFile(), this.summary);
		Files.writeString(this.out.resolve("report.md"), this.report.toString());
		line("%nWrote %s and %s", summaryFile, this.out.resolve("report.md"));
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
		line("| endpoint | clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors |");
		line("|---|---|---|---|---|---|---|---|");
	}

	private void row(String endpoint, int clients, Latencies result) {
		line("| %s | %d | %d | %.1f | %.2f | %.2f | %.2f | %d |", endpoint, clients, result.count(),
				result.throughput(), result.percentileMs(0.5), result.percentileMs(0.95), result.percentileMs(0.99),
				result.errors());
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

	/** The packaged jar as a child process; stopped (SIGTERM, then kill) on close. */
	record Service(Process process, int port, Path dataDir) implements AutoCloseable {

		static Service start(Path jar, Path out, boolean jfr, List<String> extraArgs)
				throws IOException, InterruptedException {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: run ./mvnw package first (bench/run does)");
			}
			Path dataDir = Files.createTempDirectory("ragwell-bench");
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"--add-modules", "jdk.incubator.vector"));
			if (jfr) {
				command.add("-XX:StartFlightRecording=filename=" + out.toAbsolutePath().resolve("service.jfr")
						+ ",settings=profile");
			}
			command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.address=127.0.0.1",
					"--server.port=" + port, "--ragwell.store.lucene.path=" + dataDir.resolve("index"),
					"--ragwell.embedding.model=" + MODEL.id()));
			command.addAll(extraArgs);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(out.resolve("service.log").toFile())
				.start();
			Service service = new Service(process, port, dataDir);
			HttpClient client = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("the service exited with " + process.exitValue() + "; see "
							+ out.resolve("service.log"));
				}
				try {
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
								.timeout(Duration.ofSeconds(2))
								.build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return service;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(250);
			}
			service.close();
			throw new IllegalStateException("the service was not ready within 3 minutes; see " + out.resolve("service.log"));
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
			org.apache.lucene.util.IOUtils.rm(this.dataDir);
		}

	}

}
