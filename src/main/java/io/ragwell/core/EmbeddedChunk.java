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

}
