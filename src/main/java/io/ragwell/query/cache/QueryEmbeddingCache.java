package io.ragwell.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.ragwell.core.Embedder;
import io.ragwell.core.ForwardingEmbedder;

/**
 * The outermost embedder decorator: a question embedded once serves every stage that needs it. Retrieval, the
 * MMR reranker and the extractive answerer each embed the same question as a query; with this in front of the
 * model they pay for one call between them, and a question asked again pays for none. Passages are never
 * cached here: a written passage is rarely written twice, and ingestion has its own content hashes.
 *
 * <p>Keyed by the model's name and the exact text (not case-folded, for the reasons in
 * {@link ResponseCache#key}); bounded by {@code ragwell.cache.max-embeddings} and
 * {@code ragwell.cache.embedding-ttl}. A query embedding depends only on the model and the text, so, unlike a
 * response, it never needs invalidating when a namespace changes.
 */
public final class QueryEmbeddingCache extends ForwardingEmbedder {

	private final boolean enabled;

	private final Cache<String, float[]> vectors;

	private final Counter hits;

	private final Counter misses;

	public QueryEmbeddingCache(Embedder delegate, CacheProperties properties, MeterRegistry registry) {
		super(delegate);
		this.enabled = properties.enabled();
		this.vectors = Caffeine.newBuilder()
			.maximumSize(properties.maxEmbeddings())
			.expireAfterWrite(properties.embeddingTtl())
			// Evict on the calling thread, so the bound holds at every moment (as for the response cache).
			.executor(Runnable::run)
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, this.vectors, "rag.query-embeddings");
		this.hits = ResponseCache.counter(registry, "embedding", "hit");
		this.misses = ResponseCache.counter(registry, "embedding", "miss");
	}

	@Override
	public float[] embedQuery(String text) {
		if (!this.enabled) {
			return delegate().embedQuery(text);
		}
		String key = delegate().modelName() + '\u0000' + text;
		float[] vector = this.vectors.getIfPresent(key);
		if (vector != null) {
			this.hits.increment();
			return vector;
		}
		this.misses.increment();
		// Not computeIfAbsent: a model call must not run while holding the cache's bin lock, and two threads
		// embedding the same new question at once is cheaper than serialising every miss.
		vector = delegate().embedQuery(text);
		this.vectors.put(key, vector);
		return vector;
	}

}
