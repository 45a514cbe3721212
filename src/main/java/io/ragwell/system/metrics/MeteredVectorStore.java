package io.ragwell.system.metrics;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.store.VectorStore;

/** Times searches ({@code rag.search}, tag {@code mode}) and exposes the indexed chunk count as a gauge. */
final class MeteredVectorStore implements VectorStore, AutoCloseable {

	private final VectorStore delegate;

	private final MeterRegistry registry;

	private final Map<SearchMode, Timer> searchTimers = new EnumMap<>(SearchMode.class);

	MeteredVectorStore(VectorStore delegate, MeterRegistry registry) {
		this.delegate = delegate;
		this.registry = registry;
		for (SearchMode mode : SearchMode.values()) {
			this.searchTimers.put(mode, Timer.builder(RagMetrics.SEARCH)
				.description("Vector store searches")
				.tag("mode", mode.name().toLowerCase(Locale.ROOT))
				.register(registry));
		}
		Gauge.builder(RagMetrics.INDEX_CHUNKS, delegate, MeteredVectorStore::safeCount)
			.description("Chunks held by the vector store")
			.register(registry);
	}

	private static double safeCount(VectorStore store) {
		try {
			return store.chunkCount();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	@Override
	public List<SearchResult> search(SearchRequest request) {
		try {
			return this.searchTimers.get(request.mode()).record(() -> this.delegate.search(request));
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "search", ex);
			throw ex;
		}
	}

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		try {
			this.delegate.upsertChunks(document, chunks);
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "store", ex);
			throw ex;
		}
	}

	@Override
	public void upsertAll(List<Upsert> upserts) {
		try {
			this.delegate.upsertAll(upserts);
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "store", ex);
			throw ex;
		}
	}

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		return this.delegate.findDocument(namespace, documentId);
	}

	@Override
	public boolean delete(String namespace, String documentId) {
		return this.delegate.delete(namespace, documentId);
	}

	@Override
	public boolean nativeHybrid() {
		return this.delegate.nativeHybrid();
	}

	@Override
	public Map<String, float[]> chunkVectors(String namespace, Collection<String> chunkIds) {
		return this.delegate.chunkVectors(namespace, chunkIds);
	}

	@Override
	public long chunkCount() {
		return this.delegate.chunkCount();
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
