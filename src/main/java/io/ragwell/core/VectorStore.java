package io.ragwell.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Holds documents and their embedded chunks and searches them. The embedded Lucene index is the
 * default; remote stores implement the same port.
 */
public interface VectorStore {

	/**
	 * Stores {@code document} and replaces all chunks it had before with {@code chunks}, atomically: a
	 * search sees either the old chunks or the new ones. Returns once the write is durable.
	 */
	void upsertChunks(Document document, List<EmbeddedChunk> chunks);

	/** One document and its complete new set of chunks. */
	record Upsert(Document document, List<EmbeddedChunk> chunks) {

		public Upsert {
			chunks = List.copyOf(chunks);
		}

	}

	/**
	 * Upserts several documents, each replaced atomically as in {@link #upsertChunks}; durable on return.
	 * Stores override this to make the batch durable once (one commit, one bulk request) instead of once per
	 * document.
	 */
	default void upsertAll(List<Upsert> upserts) {
		for (Upsert upsert : upserts) {
			upsertChunks(upsert.document(), upsert.chunks());
		}
	}

	/** The document with its chunks and their vectors, if the namespace holds it. */
	Optional<StoredDocument> findDocument(String namespace, String documentId);

	/**
	 * Ranked results, best first, ranks starting at 1; at most {@code request.topK()}. A
	 * {@link SearchMode#HYBRID} request is one store call: the store reads the dense and sparse lists as deep as
	 * the request's {@link SearchRequest#fusion() fusion} says and fuses them as it describes (a store with its
	 * own hybrid query, or without one of the lists, documents what it does instead).
	 */
	List<SearchResult> search(SearchRequest request);

	/**
	 * The stored embeddings of chunks, for rerankers that compare chunks with each other (MMR). Chunks the
	 * namespace does not hold are absent from the map; a store that cannot return vectors returns an empty map
	 * and the caller embeds the chunk text instead.
	 * @param namespace tenant partition
	 * @param chunkIds chunk ids
	 * @return vector by chunk id
	 */
	default Map<String, float[]> chunkVectors(String namespace, Collection<String> chunkIds) {
		return Map.of();
	}

	/**
	 * A page of the namespace's documents in id order, without their text (the playground's document list).
	 * @param namespace tenant partition
	 * @param after the last id of the previous page; {@code null} for the first page
	 * @param limit the most documents to return, 1 or more
	 * @throws NotSupportedException when the store cannot list documents (the default)
	 */
	default DocumentPage listDocuments(String namespace, @Nullable String after, int limit) {
		throw new NotSupportedException("the configured vector store cannot list documents");
	}

	/** Removes the document and its chunks; false when the namespace did not hold it. Durable on return. */
	boolean delete(String namespace, String documentId);

	/** Number of chunks held across all namespaces. */
	long chunkCount();

	/**
	 * Whether this store keeps a chunk's {@link Chunk#sentenceVectors()} and returns them with it (from
	 * {@link #search} and {@link #findDocument}); a store that does not drops them and returns chunks without.
	 */
	default boolean keepsSentenceVectors() {
		return false;
	}

	Health healthCheck();

}
