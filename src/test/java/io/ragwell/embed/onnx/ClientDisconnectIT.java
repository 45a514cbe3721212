package io.ragwell.embed.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.ragwell.core.Document;
import io.ragwell.ingest.chunk.Chunker;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that hangs up during a large ingest, over a raw socket: one model thread taking one text per turn, so
 * the document's chunks queue behind it. Once the client is gone its queued chunks are dropped and nothing is
 * stored; a client that sends its next request before the answer is still answered. Asserted on model-call
 * counts and responses, never on time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ragwell.embedding.model=all-minilm-l6-v2-q", "ragwell.embedding.threads=1",
				"ragwell.embedding.batch-size=1", "ragwell.chunking.max-tokens=64",
				"ragwell.chunking.overlap-tokens=8" })
class ClientDisconnectIT {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
		Path dir = Files.createTempDirectory("ragwell-disconnect");
		registry.add("ragwell.store.lucene.path", () -> dir.resolve("index").toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	OnnxEmbedder embedder;

	@Autowired
	Chunker chunker;

	private static String paragraphs(int count, String topic) {
		List<String> paragraphs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			paragraphs.add("Paragraph " + i + " about " + topic + ". It describes how the " + topic
					+ " behaves under condition number " + i + " and what was measured in that experiment.");
		}
		return String.join("\n\n", paragraphs);
	}

	private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
		// Generous: the bound only keeps a broken build from hanging; the assertions are on counts.
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private int queuedBulkTexts() {
		return this.embedder.healthCheck().details().get("queued_texts") instanceof Map<?, ?> queued
				? ((Number) queued.get("bulk")).intValue() : -1;
	}

	@ParameterizedTest(name = "reset={0}")
	@ValueSource(booleans = { false, true })
	void theQueuedChunksOfAClientThatHangsUpAreNeverEmbeddedAndNothingIsStored(boolean reset) throws Exception {
		String id = reset ? "reset" : "closed";
		String content = paragraphs(1500, "glacier");
		int chunks = this.chunker
			.chunk(new Document(id, Document.DEFAULT_NAMESPACE, content, Map.of(), null, Instant.EPOCH, Instant.EPOCH))
			.size();
		byte[] body = RagwellHttp.JSON.writeValueAsBytes(Map.of("id", id, "content", content));
		long before = this.embedder.modelCalls();
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			awaitUntil("the document's chunks are being embedded", () -> this.embedder.modelCalls() - before >= 5);
			if (reset) {
				// Linger 0: close sends RST instead of FIN.
				socket.setSoLinger(true, 0);
			}
		}
		awaitUntil("the ingest's queued chunks were dropped or embedded", () -> queuedBulkTexts() == 0);
		long embedded = this.embedder.modelCalls() - before;
		assertThat(embedded).as("chunks embedded of %d", chunks).isLessThan(chunks / 4);
		RagwellHttp http = new RagwellHttp(this.port);
		assertThat(http.get("/documents/" + id).status()).isEqualTo(404);
		// The server serves on: the next ingest is embedded whole.
		RagwellHttp.Response next = http.post("/documents",
				Map.of("id", id + "-next", "content", paragraphs(3, "fjord")));
		assertThat(next.status()).isBetween(200, 299);
		assertThat(next.json().get("documents").get(0).get("embedded").asInt()).isPositive();
	}

	@Test
	void aRequestPipelinedBehindAProbedIngestIsNeverMisreadAndTheIngestIsAnswered() throws Exception {
		// Seconds of model calls: the ingest waits on the queue past the probe interval, so its connection is
		// probed while the next request's bytes already sit behind its body.
		byte[] body = RagwellHttp.JSON.writeValueAsBytes(Map.of("id", "pipelined", "content", paragraphs(400, "moraine")));
		String responses;
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(2));
			OutputStream out = socket.getOutputStream();
			out.write(("POST /documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.write("GET /documents/pipelined HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			responses = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		// The ingest is answered in full and the connection closed: the pipelined request is left for the client
		// to retry, never parsed from a stretch of the first request's bytes.
		assertThat(responses).as(responses).startsWith("HTTP/1.1 200").contains("\"status\":\"created\"");
		assertThat(responses.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
		assertThat(responses.split("HTTP/1.1 ", -1)).as(responses).hasSize(2);
		assertThat(new RagwellHttp(this.port).get("/documents/pipelined").status()).isEqualTo(200);
	}

}
