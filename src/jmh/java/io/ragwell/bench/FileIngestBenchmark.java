package io.ragwell.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.RagwellApplication;
import io.ragwell.ingest.files.TestFiles;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * File ingestion against JSON ingestion of the same text: starts the application in this JVM (loopback, random
 * port, temporary data), posts the first {@code --docs} SciFact abstracts as JSON documents, then the same abstracts
 * as one PDF (one abstract per page) through multipart upload, interleaved three times (PDF, JSON, PDF, JSON, PDF,
 * JSON, fresh ids each round), and prints characters and chunks per second of each (medians) with the load average.
 * With {@code --largest}, also uploads a PDF whose text is just under the default
 * {@code ragwell.limits.max-extracted-chars} and prints its size and time. Run by hand, never in the test command:
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/cp.txt
 * java --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat target/bench/cp.txt)" \
 *   io.ragwell.bench.FileIngestBenchmark --docs 300 [--largest] [--shared ../shared]
 * </pre>
 */
public final class FileIngestBenchmark {

	private static final Duration TIMEOUT = Duration.ofMinutes(20);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	private FileIngestBenchmark(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public static void main(String[] args) throws IOException {
		int docs = 300;
		boolean largest = false;
		Path shared = Path.of("..", "shared");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--docs" -> docs = Integer.parseInt(args[++i]);
				case "--largest" -> largest = true;
				case "--shared" -> shared = Path.of(args[++i]);
				default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		// The PDF's font holds WinAnsi characters only: both sides get the same text.
		List<BenchCorpus.Doc> corpus = BenchCorpus.scifact(shared.resolve("datasets/scifact/corpus.jsonl"), docs)
			.stream()
			.map((doc) -> new BenchCorpus.Doc(doc.id(), TestFiles.helvetica(doc.content())))
			.toList();
		Path data = Files.createTempDirectory("ragwell-file-bench");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RagwellApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--ragwell.store.lucene.path=" + data.resolve("index"),
				"--ragwell.feedback.path=" + data.resolve("feedback/feedback.jsonl"),
				"--ragwell.assets.path=" + data.resolve("assets"), "--ragwell.cache.enabled=false",
				"--ragwell.security.rate-limit.enabled=false", "--logging.level.root=WARN")) {
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			new FileIngestBenchmark(port).run(corpus, largest);
		}
	}

	private void run(List<BenchCorpus.Doc> corpus, boolean largest) {
		// Warm-up: the first requests pay for class loading and the JIT, in both paths.
		postJson(corpus.subList(0, Math.min(20, corpus.size())), "warm-");
		upload("warm-pdf", TestFiles.pdf(corpus.subList(0, Math.min(20, corpus.size()))
			.stream()
			.map(BenchCorpus.Doc::content)
			.toList()));

		long chars = corpus.stream().mapToLong((doc) -> doc.content().length()).sum();
		byte[] pdf = TestFiles.pdf(corpus.stream().map(BenchCorpus.Doc::content).toList());
		// Interleaved (file, json, file, json, file, json), each round under fresh ids so nothing is unchanged, and
		// the median of the three: a loaded machine's drift hits both sides alike.
		List<Double> jsonRounds = new ArrayList<>();
		List<Double> pdfRounds = new ArrayList<>();
		int jsonChunks = 0;
		int pdfChunks = 0;
		System.out.println("load average before: " + loadAverage());
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			pdfChunks = upload("pdf-all-" + round, pdf);
			pdfRounds.add((System.nanoTime() - start) / 1e9);
			start = System.nanoTime();
			jsonChunks = 0;
			for (int from = 0; from < corpus.size(); from += 32) {
				jsonChunks += postJson(corpus.subList(from, Math.min(from + 32, corpus.size())), "json-" + round + "-");
			}
			jsonRounds.add((System.nanoTime() - start) / 1e9);
			System.out.printf("round %d: pdf %.1f s, json %.1f s (load %s)%n", round, pdfRounds.getLast(),
					jsonRounds.getLast(), loadAverage());
		}
		double jsonSeconds = median(jsonRounds);
		double pdfSeconds = median(pdfRounds);

		System.out.printf("%-6s %6s %10s %8s %9s %10s %9s%n", "input", "docs", "chars", "chunks", "median s", "chars/s",
				"chunks/s");
		System.out.printf("%-6s %6d %10d %8d %9.1f %10.0f %9.1f%n", "json", corpus.size(), chars, jsonChunks,
				jsonSeconds, chars / jsonSeconds, jsonChunks / jsonSeconds);
		System.out.printf("%-6s %6d %10d %8d %9.1f %10.0f %9.1f   (PDF %d bytes, %d pages)%n", "pdf", corpus.size(),
				chars, pdfChunks, pdfSeconds, chars / pdfSeconds, pdfChunks / pdfSeconds, pdf.length, corpus.size());
		System.out.printf("file/json throughput (chars/s, medians): %.2f; load average after: %s%n",
				(chars / pdfSeconds) / (chars / jsonSeconds), loadAverage());

		if (largest) {
			// Pages of abstracts until the text is just under the default 2,000,000-character limit.
			List<String> pages = new ArrayList<>();
			long total = 0;
			for (int i = 0; total < 1_900_000; i++) {
				String page = corpus.get(i % corpus.size()).content() + " (copy " + (i / corpus.size()) + ")";
				pages.add(page);
				total += page.length();
			}
			byte[] big = TestFiles.pdf(pages);
			long start = System.nanoTime();
			int chunks = upload("pdf-largest", big);
			System.out.printf("largest: PDF of %d bytes, %d pages, ~%d chars: %d chunks in %.1f s%n", big.length,
					pages.size(), total, chunks, (System.nanoTime() - start) / 1e9);
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private int postJson(List<BenchCorpus.Doc> docs, String prefix) {
		List<Map<String, Object>> batch = docs.stream()
			.map((doc) -> Map.<String, Object>of("id", prefix + doc.id(), "content", doc.content()))
			.toList();
		HttpResponse<String> response = BenchCorpus.postJson(this.http, this.base + "/documents",
				Map.of("documents", batch), TIMEOUT);
		return chunks(response);
	}

	private int upload(String id, byte[] pdf) {
		String boundary = "ragwell-bench-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + id
				+ ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(pdf);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/documents"))
				.timeout(TIMEOUT)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build();
			return chunks(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int chunks(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
		}
		int chunks = 0;
		for (JsonNode result : BenchCorpus.JSON.readTree(response.body()).get("documents")) {
			chunks += result.get("chunks").asInt();
		}
		return chunks;
	}

}
