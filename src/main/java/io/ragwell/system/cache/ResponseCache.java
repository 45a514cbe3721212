package io.ragwell.system.cache;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.ragwell.system.metrics.RagMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Caches {@code /query} and {@code /search} responses and query embeddings.
 *
 * <p>Never stale: every key carries its namespace's generation, read before the response is computed. Ingest
 * and delete bump the generation after their write is visible, so an answer computed before (or during) the
 * write is stored under the old generation and is never found again; other namespaces keep their entries.
 */
@Component
public class ResponseCache {

	private final CacheProperties properties;

	private final Cache<Key, Object> responses;

	private final Cache<String, float[]> embeddings;

	private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

	private final Counter hits;

	private final Counter misses;

	private final Counter embeddingHits;

	private final Counter embeddingMisses;

	public ResponseCache(CacheProperties properties, MeterRegistry registry) {
		this.properties = properties;
		this.responses = Caffeine.newBuilder()
			.maximumSize(properties.maxResponses())
			.expireAfterWrite(properties.responseTtl())
			.recordStats()
			.build();
		this.embeddings = Caffeine.newBuilder()
			.maximumSize(properties.maxEmbeddings())
			.expireAfterWrite(properties.embeddingTtl())
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, this.responses, "rag.responses");
		CaffeineCacheMetrics.monitor(registry, this.embeddings, "rag.query-embeddings");
		this.hits = counter(registry, "response", "hit");
		this.misses = counter(registry, "response", "miss");
		this.embeddingHits = counter(registry, "embedding", "hit");
		this.embeddingMisses = counter(registry, "embedding", "miss");
	}

	private static Counter counter(MeterRegistry registry, String cache, String result) {
		return Counter.builder(RagMetrics.CACHE)
			.description("Response and query-embedding cache lookups")
			.tag("cache", cache)
			.tag("result", result)
			.register(registry);
	}

	/**
	 * A key for a request in {@code namespace}, stamped with its current generation.
	 * @param namespace tenant namespace
	 * @param kind {@code query} or {@code search}
	 * @param query the query text; normalised (case, white space) here
	 * @param topK results requested
	 * @param filter canonical form of the parsed filter, or null
	 * @param mode retrieval mode
	 */
	public Key key(String namespace, String kind, String query, int topK, @Nullable Object filter, String mode) {
		long generation = this.generations.computeIfAbsent(namespace, n -> new AtomicLong()).get();
		return new Key(namespace, generation, kind, normalise(query), topK, Objects.toString(filter, ""), mode);
	}

	/** The cached value, or {@code null}. */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Key key) {
		if (!this.properties.enabled()) {
			return null;
		}
		Object value = this.responses.getIfPresent(key);
		(value != null ? this.hits : this.misses).increment();
		return (T) value;
	}

	public void put(Key key, Object response) {
		if (this.properties.enabled()) {
			this.responses.put(key, response);
		}
	}

	/** The query embedding for {@code model} and {@code query}, computed once. */
	public float[] embedding(String model, String query, Supplier<float[]> compute) {
		if (!this.properties.enabled()) {
			return compute.get();
		}
		String key = model + '\u0000' + query;
		float[] vector = this.embeddings.getIfPresent(key);
		if (vector != null) {
			this.embeddingHits.increment();
			return vector;
		}
		this.embeddingMisses.increment();
		vector = compute.get();
		this.embeddings.put(key, vector);
		return vector;
	}

	/** Called after a write to {@code namespace} is visible: its cached responses are never served again. */
	public void invalidate(String namespace) {
		this.generations.computeIfAbsent(namespace, n -> new AtomicLong()).incrementAndGet();
	}

	static String normalise(String query) {
		return query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	/** Cache key: everything that can change a response. */
	public record Key(String namespace, long generation, String kind, String query, int topK, String filter,
			String mode) {
	}

}
