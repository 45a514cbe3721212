package io.ragwell.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A {@link VectorStore} that hands every call to another one. Decorators extend it and override only what
 * they add to, so a method added to the port later (and an adapter's own version of a default method, such
 * as a bulk {@link #upsertAll}) is passed through instead of silently replaced by the default.
 */
public abstract class ForwardingVectorStore implements VectorStore, AutoCloseable {

	private final VectorStore delegate;

	protected ForwardingVectorStore(VectorStore delegate) {
		this.delegate = delegate;
	}

	/** The wrapped store. */
	public VectorStore delegate() {
		return this.delegate;
	}

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		this.delegate.upsertChunks(document, chunks);
	}

	@Override
	public void upsertAll(List<Upsert> upserts) {
		this.delegate.upsertAll(upserts);
	}

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		return this.delegate.findDocument(namespace, documentId);
	}

	@Override
	public List<SearchResult> search(SearchRequest request) {
		return this.delegate.search(request);
	}

	@Override
	public Map<String, float[]> chunkVectors(String namespace, Collection<String> chunkIds) {
		return this.delegate.chunkVectors(namespace, chunkIds);
	}

	@Override
	public DocumentPage listDocuments(String namespace, @Nullable String after, int limit) {
		return this.delegate.listDocuments(namespace, after, limit);
	}

	@Override
	public boolean delete(String namespace, String documentId) {
		return this.delegate.delete(namespace, documentId);
	}

	@Override
	public long chunkCount() {
		return this.delegate.chunkCount();
	}

	@Override
	public boolean keepsSentenceVectors() {
		return this.delegate.keepsSentenceVectors();
	}

	@Override
	public Health healthCheck() {
		return this.delegate.healthCheck();
	}

	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
