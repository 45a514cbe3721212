package io.ragwell.core;

import java.util.Objects;

/**
 * A chunk with its embedding, as handed to and read back from a vector store.
 *
 * @param chunk the chunk
 * @param vector L2-normalised embedding of {@code chunk.content()}
 */
public record EmbeddedChunk(Chunk chunk, float[] vector) {

	public EmbeddedChunk {
		Objects.requireNonNull(chunk, "chunk");
		Objects.requireNonNull(vector, "vector");
		if (vector.length == 0) {
			throw new IllegalArgumentException("vector must not be empty");
		}
	}

	/**
	 * The precondition of every store's upsert, checked before anything is written: the chunk belongs to
	 * {@code document}, and its vector has the store's dimensions.
	 * @param document the document being upserted
	 * @param dimensions the length of every vector the store holds
	 * @throws IllegalArgumentException naming the chunk and what is wrong with it
	 */
	public void checkFor(Document document, int dimensions) {
		if (!this.chunk.documentId().equals(document.id())) {
			throw new IllegalArgumentException("chunk '" + this.chunk.id() + "' belongs to '" + this.chunk.documentId()
					+ "', not '" + document.id() + "'");
		}
		if (this.vector.length != dimensions) {
			throw new IllegalArgumentException("chunk '" + this.chunk.id() + "' has a " + this.vector.length
					+ "-dimensional vector; this store holds " + dimensions + "-dimensional ones");
		}
	}

}
