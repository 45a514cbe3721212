package io.ragwell.bench;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

/**
 * The peer: LangChain4j's in-process pipeline with the same quantised MiniLM model and its in-memory store,
 * fed the very chunk texts Ragwell produced, so only the pipelines differ. It runs in this JVM (no HTTP, no
 * persistence, dense search only), which favours the peer.
 */
final class PeerPipeline {

	private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

	private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();

	private int size;

	/** Embeds and stores {@code batches} (each one ingest request's chunks); returns seconds taken. */
	double ingest(List<List<String>> batches) {
		long start = System.nanoTime();
		for (List<String> batch : batches) {
			List<TextSegment> segments = new ArrayList<>(batch.size());
			for (String text : batch) {
				segments.add(TextSegment.from(text));
			}
			List<Embedding> embeddings = this.model.embedAll(segments).content();
			this.store.addAll(embeddings, segments);
			this.size += segments.size();
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** Chunks held. */
	int size() {
		return this.size;
	}

	/** The /search equivalent: embed the query, top 10 by cosine. */
	boolean search(String query) {
		Embedding embedding = this.model.embed(query).content();
		return !this.store
			.search(EmbeddingSearchRequest.builder().queryEmbedding(embedding).maxResults(10).build())
			.matches()
			.isEmpty();
	}

}
