package io.ragwell.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Embedder;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.ingest.chunk.Chunker;
import io.ragwell.llm.extractive.SentenceSplitter;
import io.ragwell.support.CountingEmbedder;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ragwell.embedding.sentence-vectors=true} against the real model and Lucene: ingestion stores a vector per
 * sentence from the chunk's own model call, keeps them for unchanged chunks on re-ingest, obtains them for chunks
 * stored without, and an uncached {@code /query} then embeds no sentence; responses never carry the vectors.
 */
@RagwellIntegrationTest(ownContext = true, properties = { "ragwell.embedding.sentence-vectors=true",
		"ragwell.chunking.max-tokens=64", "ragwell.chunking.overlap-tokens=8",
		"ragwell.llm.extractive.min-relevance=0" })
@Import(CountingEmbedder.Config.class)
class SentenceVectorsIT {

	@LocalServerPort
	int port;

	@Autowired
	VectorStore store;

	@Autowired
	Embedder embedder;

	@Autowired
	Chunker chunker;

	private static String paragraphs(String... topics) {
		List<String> paragraphs = new ArrayList<>();
		for (String topic : topics) {
			paragraphs.add("The " + topic + " was studied for years. Researchers measured how the " + topic
					+ " changes in cold weather. The " + topic + " result held in every repeated trial.");
		}
		return String.join("\n\n", paragraphs);
	}

	private void assertEveryChunkCarriesItsSentences(String documentId) {
		StoredDocument stored = this.store.findDocument("default", documentId).orElseThrow();
		for (EmbeddedChunk chunk : stored.chunks()) {
			String content = chunk.chunk().content();
			assertThat(chunk.chunk().sentenceVectors()).as(chunk.chunk().id()).isNotNull();
			assertThat(chunk.chunk().sentenceVectors().spans()).isEqualTo(SentenceSplitter.spans(content));
			assertThat(chunk.chunk().sentenceVectors().dimensions()).isEqualTo(this.embedder.dimensions());
		}
	}

	@Test
	void ingestionStoresSentenceVectorsAndTheAnswerEmbedsNoSentence() {
		RagwellHttp http = new RagwellHttp(this.port);
		CountingEmbedder counting = CountingEmbedder.current();
		String content = paragraphs("glacier", "penguin colony", "volcano", "coral reef");
		Map<String, Object> doc = Map.of("id", "nature", "content", content);

		counting.reset();
		JsonNode created = http.post("/documents", doc).json().get("documents").get(0);
		int chunks = created.get("chunks").asInt();
		assertThat(chunks).isGreaterThan(1);
		// One model call per chunk: the sentence vectors come out of the same calls.
		assertThat(counting.passages()).isEqualTo(chunks);
		assertEveryChunkCarriesItsSentences("nature");

		counting.reset();
		RagwellHttp.Response answered = http.post("/query",
				Map.of("query", "How does the penguin colony change in cold weather?"));
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		assertThat(counting.passages()).isZero();
		assertThat(answered.json().get("answer").asString()).contains("penguin colony").contains("[1]");
		assertThat(answered.body()).doesNotContain("sentence_vectors").doesNotContain("sentenceVectors");
		RagwellHttp.Response searched = http.post("/search", Map.of("query", "volcano in cold weather"));
		assertThat(searched.status()).isEqualTo(200);
		assertThat(searched.body()).doesNotContain("sentence_vectors").doesNotContain("sentenceVectors");

		// A changed document: its unchanged chunks keep their stored sentence vectors without a model call.
		counting.reset();
		JsonNode updated = http.post("/documents", Map.of("id", "nature", "content",
				content + "\n\n" + paragraphs("desert dune"))).json().get("documents").get(0);
		assertThat(updated.get("status").asString()).isEqualTo("updated");
		assertThat(counting.passages()).isPositive().isLessThan(updated.get("chunks").asInt());
		assertEveryChunkCarriesItsSentences("nature");
	}

	@Test
	void chunksStoredWithoutSentenceVectorsGetThemWhenTheirDocumentIsReingestedChanged() {
		RagwellHttp http = new RagwellHttp(this.port);
		CountingEmbedder counting = CountingEmbedder.current();
		String content = paragraphs("river delta", "mountain pass", "salt marsh");
		// As ingested before the setting was on: the same chunks and vectors, no sentence vectors.
		Document old = new Document("older", "default", content, Map.of(), null, java.time.Instant.now(),
				java.time.Instant.now());
		List<Chunk> oldChunks = this.chunker.chunk(old);
		List<float[]> vectors = this.embedder.embedBatch(oldChunks.stream().map(Chunk::content).toList());
		List<EmbeddedChunk> embedded = new ArrayList<>();
		for (int i = 0; i < oldChunks.size(); i++) {
			embedded.add(new EmbeddedChunk(oldChunks.get(i), vectors.get(i)));
		}
		this.store.upsertChunks(old, embedded);
		assertThat(this.store.findDocument("default", "older").orElseThrow().chunks())
			.allMatch((chunk) -> chunk.chunk().sentenceVectors() == null);

		counting.reset();
		JsonNode updated = http.post("/documents", Map.of("id", "older", "content",
				content + "\n\n" + paragraphs("tundra"))).json().get("documents").get(0);

		assertThat(updated.get("status").asString()).isEqualTo("updated");
		// Every chunk embedded again, the unchanged ones included, to obtain their sentence vectors.
		assertThat(counting.passages()).isEqualTo(updated.get("chunks").asInt());
		assertEveryChunkCarriesItsSentences("older");
	}

}
