package io.ragwell.core;

import java.util.List;

/**
 * A document as a vector store holds it, with its chunks and their vectors (used to skip re-embedding
 * chunks whose text did not change).
 */
public record StoredDocument(Document document, List<EmbeddedChunk> chunks) {

	public StoredDocument {
		chunks = List.copyOf(chunks);
	}

}
