package io.ragwell.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's time goes, from a JFR recording: every {@code jdk.ExecutionSample} (threads running Java)
 * and {@code jdk.NativeMethodSample} (threads in native code, e.g. ONNX Runtime) in a time window, each charged
 * to the innermost frame of its stack that belongs to a known component (HTTP, JSON, security, cache, the
 * embedder's queue, the model, Lucene dense / BM25 / stored fields, fusion...). Threads waiting (parked, in
 * {@code epoll}, reading an idle socket) are not work and are left out, so with one client in flight the shares
 * are shares of a request's wall time.
 *
 * <p>Usage: {@code JfrBreakdown FILE.jfr [--from SECONDS] [--to SECONDS] [--anchor CLASS.METHOD]}: the window is
 * relative to the first sample whose stack holds the anchor frame (default {@code QueryController.search}), so
 * {@code --from 5 --to 13} is the 8 s after the benchmark's 5 s search warm-up, i.e. {@code /search} at 1 client.
 */
public final class JfrBreakdown {

	/** Class-name prefixes (or class.method) to component, matched innermost frame first, first rule wins. */
	private static final List<Map.Entry<String, String>> RULES = List.of(
			Map.entry("ai.onnxruntime.", "model: ONNX Runtime call"),
			Map.entry("io.ragwell.embed.onnx.BertWordPiece", "tokenizer"),
			Map.entry("ai.djl.", "tokenizer"),
			Map.entry("io.ragwell.embed.onnx.", "embedder: queue hand-off, buffers, pooling"),
			Map.entry("org.apache.lucene.codecs.lucene90.compressing", "Lucene stored fields"),
			Map.entry("org.apache.lucene.util.compress", "Lucene stored fields"),
			Map.entry("org.apache.lucene.index.StoredFields", "Lucene stored fields"),
			Map.entry("org.apache.lucene.document.", "Lucene stored fields"),
			Map.entry("org.apache.lucene.util.hnsw", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.search.AbstractKnnVectorQuery", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.search.KnnFloatVectorQuery", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.search.knn", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.codecs.hnsw", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsReader", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.codecs.lucene104.Lucene104PostingsReader", "Lucene BM25"),
			Map.entry("org.apache.lucene.codecs.lucene102", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.codecs.lucene104", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.internal.vectorization", "Lucene dense (HNSW)"),
			Map.entry("jdk.incubator.vector", "Lucene dense (HNSW)"),
			Map.entry("org.apache.lucene.search.similarities", "Lucene BM25"),
			Map.entry("org.apache.lucene.search.TermQuery", "Lucene BM25"),
			Map.entry("org.apache.lucene.search.TermScorer", "Lucene BM25"),
			Map.entry("org.apache.lucene.search.Boolean", "Lucene BM25"),
			Map.entry("org.apache.lucene.search.MaxScore", "Lucene BM25"),
			Map.entry("org.apache.lucene.search.WANDScorer", "Lucene BM25"),
			Map.entry("org.apache.lucene.search.BlockMax", "Lucene BM25"),
			Map.entry("org.apache.lucene.codecs.lucene103", "Lucene BM25"),
			Map.entry("org.apache.lucene.codecs.lucene912", "Lucene BM25"),
			Map.entry("org.apache.lucene.codecs.blocktree", "Lucene BM25"),
			Map.entry("org.apache.lucene.analysis", "Lucene BM25"),
			Map.entry("org.apache.lucene.queryparser", "Lucene BM25"),
			Map.entry("org.apache.lucene.", "Lucene other (searcher, collectors, doc values, filters)"),
			Map.entry("io.ragwell.core.ListFusion", "fusion"),
			Map.entry("io.ragwell.rank.", "fusion"),
			Map.entry("io.ragwell.query.filter", "filters"),
			Map.entry("io.ragwell.store.lucene.LuceneFilterConverter", "filters"),
			Map.entry("io.ragwell.store.", "store adapter (Lucene glue)"),
			Map.entry("io.ragwell.web.security", "security"),
			Map.entry("io.ragwell.query.cache", "response cache"),
			Map.entry("io.ragwell.ops.metrics", "metrics"),
			Map.entry("io.micrometer", "metrics"),
			Map.entry("io.ragwell.ops.resilience", "resilience wrappers"),
			Map.entry("io.github.resilience4j", "resilience wrappers"),
			Map.entry("tools.jackson", "JSON (Jackson)"),
			Map.entry("com.fasterxml.jackson", "JSON (Jackson)"),
			Map.entry("org.springframework.http.converter", "JSON (Jackson)"),
			Map.entry("org.apache.catalina", "HTTP (Tomcat, Spring MVC)"),
			Map.entry("org.apache.coyote", "HTTP (Tomcat, Spring MVC)"),
			Map.entry("org.apache.tomcat", "HTTP (Tomcat, Spring MVC)"),
			Map.entry("org.springframework.web", "HTTP (Tomcat, Spring MVC)"),
			Map.entry("org.springframework.boot.web", "HTTP (Tomcat, Spring MVC)"),
			Map.entry("jakarta.servlet", "HTTP (Tomcat, Spring MVC)"),
			Map.entry("io.ragwell.query.", "query pipeline (plan, retrieve, rerank, response)"),
			Map.entry("io.ragwell.web.", "web (controllers, size and client-gone filters)"),
			Map.entry("io.ragwell.", "Ragwell other"),
			Map.entry("org.springframework.", "Spring other (proxies, AOP)"));

	private JfrBreakdown() {
	}

	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		double from = 0;
		double to = Double.MAX_VALUE;
		String anchor = "io.ragwell.web.QueryController.search";
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--from" -> from = Double.parseDouble(args[++i]);
				case "--to" -> to = Double.parseDouble(args[++i]);
				case "--anchor" -> anchor = args[++i];
				default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		List<RecordedEvent> samples = new ArrayList<>();
		Instant first = null;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			String type = event.getEventType().getName();
			if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
				continue;
			}
			samples.add(event);
			if (holds(event.getStackTrace(), anchor) && (first == null || event.getStartTime().isBefore(first))) {
				first = event.getStartTime();
			}
		}
		if (first == null) {
			throw new IllegalStateException("no sample holds " + anchor);
		}
		Map<String, Integer> counts = new TreeMap<>();
		Map<String, Map<String, Integer>> topFrames = new LinkedHashMap<>();
		int total = 0;
		for (RecordedEvent event : samples) {
			double at = Duration.between(first, event.getStartTime()).toNanos() / 1e9;
			if (at < from || at > to || event.getStackTrace() == null) {
				continue;
			}
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (frames.isEmpty() || waiting(frames.getFirst())) {
				continue;
			}
			String component = classify(frames);
			counts.merge(component, 1, Integer::sum);
			topFrames.computeIfAbsent(component, (k) -> new TreeMap<>()).merge(name(frames.getFirst()), 1, Integer::sum);
			total++;
		}
		System.out.printf(Locale.ROOT, "%s, window %.1f-%s s after the first %s sample: %d busy samples%n%n", file,
				from, (to == Double.MAX_VALUE) ? "end" : String.format(Locale.ROOT, "%.1f", to), anchor, total);
		System.out.println("| component | samples | share | hottest leaf frames |");
		System.out.println("|---|---|---|---|");
		int all = total;
		counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach((e) -> {
			String leaves = topFrames.get(e.getKey())
				.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
				.limit(3)
				.map((f) -> f.getKey() + " " + f.getValue())
				.reduce((a, b) -> a + "; " + b)
				.orElse("");
			System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% | %s |%n", e.getKey(), e.getValue(),
					100.0 * e.getValue() / all, leaves);
		});
	}

	private static boolean holds(RecordedStackTrace stack, String frame) {
		return stack != null && stack.getFrames().stream().anyMatch((f) -> name(f).equals(frame));
	}

	/** Native samples of threads that wait rather than work: pollers, acceptors, idle reads, parking. */
	private static boolean waiting(RecordedFrame top) {
		String name = name(top);
		return name.startsWith("sun.nio.ch.") || name.startsWith("java.net.") || name.startsWith("jdk.internal.misc.Unsafe.park")
				|| name.equals("java.lang.Object.wait0") || name.startsWith("java.lang.Thread.sleep")
				|| name.startsWith("java.lang.Thread.yield") || name.startsWith("sun.nio.fs.");
	}

	private static String classify(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String name = name(frame);
			for (Map.Entry<String, String> rule : RULES) {
				if (name.startsWith(rule.getKey())) {
					return rule.getValue();
				}
			}
		}
		return "JDK only (virtual-thread scheduling, JIT-less helpers)";
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

}
