package io.ragwell.ingest;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ragwell.RagwellApplication;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest requests the default limits allow, through the whole pipeline (HTTP, validation, chunker, ONNX
 * embedder, Lucene) of a server in a child JVM with a 256 MB heap: 16 MB batches of 2 M-character documents cut
 * into thousands of chunks, each document with as much metadata as {@code ragwell.limits.max-metadata-bytes}
 * allows, and the metadata-heavy request that used to exhaust a 1 GB heap. Every answer is a 2xx or a 4xx, the
 * server stays up, and no {@link OutOfMemoryError} appears in its output.
 *
 * <p>The chunks of a document repeat the same text, so the embedder runs a handful of times while the store
 * still writes every chunk: the test spends its time where the memory goes, not in the model.
 */
class IngestMemoryIT {

	private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

	private static final int MAX_DOCUMENT_CHARS = 2_000_000;

	private static final int MAX_METADATA_BYTES = 8 * 1024;

	private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	@TempDir
	static Path dir;

	private static Process server;

	private static Path output;

	private static Path gcLog;

	private static RagwellHttp http;

	@BeforeAll
	static void startServerWithASmallHeap() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		output = dir.resolve("server.log");
		gcLog = dir.resolve("gc.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		server = new ProcessBuilder(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-Xlog:gc:file=" + gcLog,
				"-cp", System.getProperty("java.class.path"), RagwellApplication.class.getName(), "--server.port=" + port,
				"--ragwell.store.lucene.path=" + dir.resolve("index"), "--logging.structured.format.console=")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		// Should this JVM die before @AfterAll, the server goes with it.
		Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
		http = new RagwellHttp(port);
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			assertThat(server.isAlive()).as("server exited during startup:%n%s", tail()).isTrue();
			try {
				if (http.get("/actuator/health/readiness").status() == 200) {
					break;
				}
			}
			catch (RuntimeException notYet) {
				// Not listening yet.
			}
			assertThat(System.nanoTime()).as("server not ready in 2 minutes:%n%s", tail()).isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	@AfterAll
	static void stopServer() throws InterruptedException {
		if (server != null) {
			server.destroy();
			if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	@Test
	void theLargestRequestsTheLimitsAllowAnswerWithoutExhaustingASmallHeap() throws IOException {
		long started = System.nanoTime();
		// 1. The request from the report: 64 keys of 100 values of 1,000 characters, 60,000 words. A 400 now.
		Map<String, Object> huge = new LinkedHashMap<>();
		for (int k = 0; k < 64; k++) {
			huge.put("key" + k, java.util.Collections.nCopies(100, "v".repeat(1000)));
		}
		Response rejected = http.post("/documents",
				Map.of("id", "huge", "content", "word ".repeat(60_000), "metadata", huge));
		assertInvalidMetadata(rejected, "metadata");

		// 2. The same metadata in the second document of a batch: the batch is refused whole.
		Response rejectedBatch = http.post("/documents", Map.of("documents",
				List.of(Map.of("id", "fine", "content", "a fine document"),
						Map.of("id", "huge", "content", "text", "metadata", huge))));
		assertInvalidMetadata(rejectedBatch, "documents[1].metadata");
		assertThat(http.get("/documents/fine").status()).isEqualTo(404);

		// 3. A 16 MB batch of eight 2 M-character documents, about 2,000 chunks each, at the metadata limit.
		Map<String, Object> metadata = largestMetadata();
		String longest = "x ".repeat(MAX_DOCUMENT_CHARS / 2 - 1);
		List<Map<String, Object>> longDocuments = new ArrayList<>();
		for (int d = 0; d < 8; d++) {
			longDocuments.add(Map.of("id", "long-" + d, "content", longest, "metadata", metadata));
		}
		String longBatch = RagwellHttp.JSON.writeValueAsString(Map.of("documents", longDocuments));
		assertThat(longBatch.length()).isLessThanOrEqualTo(MAX_REQUEST_BYTES);
		Response created = post(longBatch);
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		JsonNode first = created.json().get("documents").get(0);
		assertThat(first.get("status").asString()).isEqualTo("created");
		assertThat(first.get("chunks").asInt()).isGreaterThan(1_500);

		// 4. The most documents a batch may hold, filling 16 MB, each at the metadata limit.
		int perDocument = (MAX_REQUEST_BYTES - 256 * (MAX_METADATA_BYTES + 64)) / 256;
		String medium = "x ".repeat(perDocument / 2 - 1);
		String manyBatch = manyDocuments(medium, metadata);
		assertThat(manyBatch.length()).isLessThanOrEqualTo(MAX_REQUEST_BYTES);
		Response many = post(manyBatch);
		assertThat(many.status()).as(many.body()).isEqualTo(200);
		assertThat(many.json().get("documents")).hasSize(256);

		// 5. The same batch with changed metadata: every document is read back (old chunks and vectors beside the
		// new ones) and rewritten.
		Map<String, Object> changed = new LinkedHashMap<>(metadata);
		changed.put("k00", List.of(-1L));
		Response updated = post(manyDocuments(medium, changed));
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("documents").get(0).get("status").asString()).isEqualTo("updated");

		// 6. Filters on the metadata still select the documents' chunks.
		Response search = http.post("/search", Map.of("query", "x", "top_k", 50, "mode", "sparse", "filters",
				Map.of("k00", Map.of("$eq", -1))));
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		assertThat(search.json().get("results")).isNotEmpty()
			.allSatisfy(result -> assertThat(result.toString()).contains("many-"));

		assertThat(server.isAlive()).as("server died:%n%s", tail()).isTrue();
		String log = Files.readString(output);
		assertThat(log).doesNotContain("OutOfMemoryError");
		report(Duration.ofNanos(System.nanoTime() - started));
	}

	private static String manyDocuments(String content, Map<String, Object> metadata) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (int d = 0; d < 256; d++) {
			documents.add(Map.of("id", "many-" + d, "content", content, "metadata", metadata));
		}
		return RagwellHttp.JSON.writeValueAsString(Map.of("documents", documents));
	}

	private static Response post(String body) {
		return http.send("POST", "/documents", body, Map.of("Content-Type", "application/json"));
	}

	private static void assertInvalidMetadata(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:ragwell:problem:invalid-document");
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString()).contains("ragwell.limits.max-metadata-bytes");
		assertThat(problem.get("errors")).singleElement().satisfies(error -> {
			assertThat(error.get("field").asString()).isEqualTo(field);
			assertThat(error.get("message").asString()).isEqualTo(problem.get("detail").asString());
		});
	}

	/**
	 * As many metadata values as fit under the limit (64 keys of short numbers and strings, filled round-robin),
	 * so the store gets as many terms and points to index per byte as the limit allows.
	 */
	private static Map<String, Object> largestMetadata() {
		Map<String, List<Object>> lists = new LinkedHashMap<>();
		for (int k = 0; k < 64; k++) {
			lists.put("k%02d".formatted(k), new ArrayList<>());
		}
		for (int value = 0; value < 100; value++) {
			for (int k = 0; k < 64; k++) {
				List<Object> list = lists.get("k%02d".formatted(k));
				Object added = (k % 2 == 0) ? (Object) (long) value : "s" + value;
				list.add(added);
				if (RagwellHttp.JSON.writeValueAsBytes(lists).length > MAX_METADATA_BYTES) {
					list.removeLast();
					return Map.copyOf(lists);
				}
			}
		}
		return Map.copyOf(lists);
	}

	private static void report(Duration elapsed) throws IOException {
		int peakUsed = 0;
		int peakMarked = 0;
		for (String line : Files.readAllLines(gcLog)) {
			Matcher matcher = GC_PAUSE.matcher(line);
			if (matcher.find()) {
				peakUsed = Math.max(peakUsed, Integer.parseInt(matcher.group(1)));
				// After a full marking (remark) or a full collection the heap holds little beyond live data; after
				// a young collection it still holds the old generation's garbage.
				if (line.contains("Pause Remark") || line.contains("Pause Full")) {
					peakMarked = Math.max(peakMarked, Integer.parseInt(matcher.group(2)));
				}
			}
		}
		System.out.printf("IngestMemoryIT: requests took %d s; heap high-water %d MB, at most %d MB after a marking"
				+ " or full collection (-Xmx256m)%n", elapsed.toSeconds(), peakUsed, peakMarked);
	}

	private static String tail() {
		try {
			List<String> lines = Files.readAllLines(output);
			return String.join(File.separator.equals("/") ? "\n" : "\r\n",
					lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
