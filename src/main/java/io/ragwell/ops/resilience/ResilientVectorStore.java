package io.ragwell.ops.resilience;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.ForwardingVectorStore;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;

/**
 * Runs every call of a remote {@link VectorStore} under its {@link ResiliencePolicy}. Retrying writes is safe
 * because they are idempotent: an upsert replaces the document's chunks, and a repeated delete of a document
 * the first attempt already removed merely reports {@code false}. Health checks are not retried.
 */
public final class ResilientVectorStore extends ForwardingVectorStore {

	private final ResiliencePolicy policy;

	public ResilientVectorStore(VectorStore delegate, ResiliencePolicy policy) {
		super(delegate);
		this.policy = policy;
	}

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		this.policy.execute(() -> {
			delegate().upsertChunks(document, chunks);
			return null;
		});
	}

	/** One policy execution for the whole batch, so a store's bulk write stays one bulk write. */
	@Override
	public void upsertAll(List<Upsert> upserts) {
		this.policy.execute(() -> {
			delegate().upsertAll(upserts);
			return null;
		});
	}

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		return this.policy.execute(() -> delegate().findDocument(namespace, documentId));
	}

	@Override
	public List<SearchResult> search(SearchRequest request) {
		return this.policy.execute(() -> delegate().search(request));
	}

	@Override
	public boolean delete(String namespace, String documentId) {
		return this.policy.execute(() -> delegate().delete(namespace, documentId));
	}

	@Override
	public Map<String, float[]> chunkVectors(String namespace, Collection<String> chunkIds) {
		return this.policy.execute(() -> delegate().chunkVectors(namespace, chunkIds));
	}

	@Override
	public long chunkCount() {
		return this.policy.execute(delegate()::chunkCount);
	}

}
