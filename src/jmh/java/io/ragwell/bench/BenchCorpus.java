package io.ragwell.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.ingest.chunk.TokenAwareChunker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's text: a slice of BEIR SciFact read in place, its queries, and (for the large runs) a
 * synthetic corpus made of shuffled SciFact sentences, seeded so every run ingests the same text.
 */
final class BenchCorpus {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** One document as {@code POST /documents} takes it. */
	record Doc(String id, String content) {

		Map<String, Object> toJson() {
			return Map.of("id", this.id, "content", this.content, "source", "bench:" + this.id, "metadata",
					Map.of("dataset", this.id.startsWith("syn-") ? "synthetic" : "scifact"));
		}

	}

	private BenchCorpus() {
	}

	/** The first {@code limit} SciFact abstracts, as {@code title\n\ntext} like the end-to-end test. */
	static List<Doc> scifact(Path corpus, int limit) {
		List<Doc> docs = new ArrayList<>();
		for (JsonNode node : jsonLines(corpus, limit)) {
			docs.add(new Doc(node.get("_id").asString(),
					node.get("title").asString() + "\n\n" + node.get("text").asString()));
		}
		return docs;
	}

	static List<String> queries(Path queries) {
		return jsonLines(queries, Integer.MAX_VALUE).stream().map((node) -> node.get("text").asString()).toList();
	}

	/**
	 * Synthetic documents of 1-3 SciFact sentences each (one short chunk), drawn with a fixed seed, until
	 * {@code chunks} chunks are reached. {@code chunker} is the service's own chunker, so the count matches.
	 * Short, so that scaling the corpus to 100k chunks costs minutes of embedding rather than an hour: what
	 * this corpus measures is search over 100k chunks, and search cost grows with the chunk count (HNSW
	 * depth, posting lists), not with chunk length. Ingestion throughput is measured on SciFact.
	 */
	static List<Doc> synthetic(List<Doc> source, int chunks, TokenAwareChunker chunker) {
		List<String> sentences = new ArrayList<>();
		for (Doc doc : source) {
			for (String sentence : doc.content().split("(?<=[.!?])\\s+")) {
				if (sentence.length() > 20) {
					sentences.add(sentence);
				}
			}
		}
		Random random = new Random(42);
		List<Doc> docs = new ArrayList<>();
		int made = 0;
		while (made < chunks) {
			StringBuilder text = new StringBuilder();
			int count = 1 + random.nextInt(3);
			for (int i = 0; i < count; i++) {
				text.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
			}
			Doc doc = new Doc("syn-" + docs.size(), text.toString().strip());
			made += chunk(chunker, doc).size();
			docs.add(doc);
		}
		return docs;
	}

	/** The chunk texts of every {@code size} consecutive documents: what one ingest request of them embeds. */
	static List<List<String>> requestBatches(TokenAwareChunker chunker, List<Doc> docs, int size) {
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < docs.size(); from += size) {
			List<String> batch = new ArrayList<>();
			for (Doc doc : docs.subList(from, Math.min(docs.size(), from + size))) {
				batch.addAll(chunk(chunker, doc));
			}
			batches.add(batch);
		}
		return batches;
	}

	static List<String> chunk(TokenAwareChunker chunker, Doc doc) {
		Instant now = Instant.now();
		return chunker.chunk(new Document(doc.id(), Document.DEFAULT_NAMESPACE, doc.content(), Map.of(), null, now, now))
			.stream()
			.map(Chunk::content)
			.toList();
	}

	private static List<JsonNode> jsonLines(Path file, int limit) {
		List<JsonNode> nodes = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(file)) {
			String line;
			while (nodes.size() < limit && (line = reader.readLine()) != null) {
				if (!line.isBlank()) {
					nodes.add(JSON.readTree(line));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		return nodes;
	}

	/** POSTs {@code body} as JSON and returns the answer, whatever its status; the load generators' one call. */
	static HttpResponse<String> postJson(HttpClient http, String url, Object body, Duration timeout) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
