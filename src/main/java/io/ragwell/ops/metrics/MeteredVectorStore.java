package io.ragwell.ops.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.ForwardingVectorStore;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;
import io.ragwell.query.metrics.RagMetrics;

/** Times searches ({@code rag.search}, tag {@code mode}) and exposes the indexed chunk count as a gauge. */
public final class MeteredVectorStore extends ForwardingVectorStore {

	private final MeterRegistry registry;

	private final Map<SearchMode, Timer> searchTimers = new EnumMap<>(SearchMode.class);

	public MeteredVectorStore(VectorStore delegate, MeterRegistry registry) {
		super(delegate);
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

	/** The constructor registers one per mode. */
	private Timer searchTimer(SearchMode mode) {
		Timer timer = this.searchTimers.get(mode);
		if (timer == null) {
			throw new IllegalStateException("no search timer for mode " + mode);
		}
		return timer;
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
			return searchTimer(request.mode()).record(() -> delegate().search(request));
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "search", ex);
			throw ex;
		}
	}

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		try {
			delegate().upsertChunks(document, chunks);
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "store", ex);
			throw ex;
		}
	}

	@Override
	public void upsertAll(List<Upsert> upserts) {
		try {
			delegate().upsertAll(upserts);
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "store", ex);
			throw ex;
		}
	}

}
