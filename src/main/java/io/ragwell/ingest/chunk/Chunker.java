package io.ragwell.ingest.chunk;

import java.util.List;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;

/** Splits a document into chunks that the embedding model sees whole. */
public interface Chunker {

	/**
	 * Chunks in position order, ids {@code "{documentId}#{position}"}, never empty, each inheriting the
	 * document's metadata and source. A blank document yields no chunks.
	 */
	List<Chunk> chunk(Document document);

}
