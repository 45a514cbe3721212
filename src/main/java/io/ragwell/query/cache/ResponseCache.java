package io.ragwell.query.cache;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.ragwell.core.SharedGenerations;
import io.ragwell.query.metrics.RagMetrics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Caches {@code /query} and {@code /search} responses (query embeddings are cached by {@link QueryEmbeddingCache}).
 *
 * <p>Never stale: every key carries its namespace's generation, read before the response is computed. Ingest
 * and delete bump the generation after their write is visible, so an answer computed before (or during) the
 * write is stored under the old generation and is never found again; other namespaces keep their entries.
 *
 * <p>Across replicas: when the store is shared by several replicas ({@link SharedGenerations}, e.g. OpenSearch),
 * the key also carries the namespace's shared generation, which a write through any replica advances before it
 * is acknowledged. Each replica reads it at most {@link SharedGenerations#staleness()} late (a local copy, not a
 * store round trip per lookup), so another replica's write stops this replica's stale answers within that bound.
 * When the shared generation cannot be read, the cache is bypassed rather than trusted.
 *
 * <p>Never another request's answer: the key holds the exact query, the filter's typed canonical text and
 * every setting that changes a result. Bounded in bytes ({@code ragwell.cache.max-response-bytes}), each
 * response weighed by its serialised size, since {@code top_k} and chunk sizes make entries differ a
 * hundredfold.
 */
@Component
public class ResponseCache {

	private final CacheProperties properties;

	private final Cache<Key, Object> responses;

	private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

	/** The generations other replicas advance too; null when this process is the only writer (Lucene). */
	private final @Nullable SharedGenerations shared;

	private final Counter hits;

	private final Counter misses;

	/** A cache for a single process: its in-memory generations are the only ones. */
	public ResponseCache(CacheProperties properties, MeterRegistry registry) {
		this(properties, registry, (SharedGenerations) null);
	}

	/**
	 * @param shared the store's shared generations when it provides them (several replicas on one store)
	 */
	@Autowired
	public ResponseCache(CacheProperties properties, MeterRegistry registry, ObjectProvider<SharedGenerations> shared) {
		this(properties, registry, shared.getIfAvailable());
	}

	public ResponseCache(CacheProperties properties, MeterRegistry registry, @Nullable SharedGenerations shared) {
		this.shared = shared;
		this.properties = properties;
		this.responses = Caffeine.newBuilder()
			.maximumWeight(properties.maxResponseBytes().toBytes())
			.weigher(ResponseCache::weigh)
			// Evict on the writing thread: with the default (asynchronous) executor a burst of puts could hold
			// more than the budget until the pool caught up.
			.executor(Runnable::run)
			.expireAfterWrite(properties.responseTtl())
			.recordStats()
			.build();
		CaffeineCacheMetrics.monitor(registry, this.responses, "rag.responses");
		this.hits = counter(registry, "response", "hit");
		this.misses = counter(registry, "response", "miss");
	}

	static Counter counter(MeterRegistry registry, String cache, String result) {
		return Counter.builder(RagMetrics.CACHE)
			.description("Response and query-embedding cache lookups")
			.tag("cache", cache)
			.tag("result", result)
			.register(registry);
	}

	/** The settings this cache was built with (the query-embedding cache shares them). */
	public CacheProperties properties() {
		return this.properties;
	}

	/**
	 * A key for a request in {@code namespace}, stamped with its current generation.
	 * @param namespace tenant namespace
	 * @param kind {@code query} or {@code search}
	 * @param query the query text exactly as the pipeline uses it. Not case-folded or white-space-collapsed:
	 * the OpenAI embedder and any cased ONNX model embed "US" and "us" differently, a generative LLM answers
	 * them differently, and an expansion paraphrases them differently, so folding would serve one question's
	 * answer to another. (Only the two bundled uncased WordPiece models with a lower-casing BM25 analyser would
	 * make folding safe, and then only for {@code /search} without expansion.)
	 * @param topK results requested
	 * @param filter the parsed filter's typed canonical text ({@code FilterKey.canonical}), empty for none
	 * @param variant every other request field or setting that changes the result: mode, fusion and its
	 * parameters, candidate depths, reranker, expansion
	 */
	public Key key(String namespace, String kind, String query, int topK, String filter, String variant) {
		long generation = this.generations.computeIfAbsent(namespace, n -> new AtomicLong()).get();
		long sharedGeneration = 0;
		if (this.shared != null && this.properties.enabled()) {
			OptionalLong current = this.shared.current(namespace);
			sharedGeneration = current.isPresent() ? current.getAsLong() : UNKNOWN;
		}
		return new Key(namespace, generation, sharedGeneration, kind, query, topK, filter, variant);
	}

	/** The cached value, or {@code null}. */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Key key) {
		if (!this.properties.enabled() || key.sharedGeneration() == UNKNOWN) {
			return null;
		}
		Object value = this.responses.getIfPresent(key);
		(value != null ? this.hits : this.misses).increment();
		return (T) value;
	}

	public void put(Key key, Object response) {
		if (this.properties.enabled() && key.sharedGeneration() != UNKNOWN) {
			this.responses.put(key, response);
		}
	}

	/**
	 * Called after a write to {@code namespace} is visible and before it is acknowledged: its cached responses
	 * are never served again by this replica, and, with shared generations, by any other replica once it has
	 * read the advanced generation (within {@link SharedGenerations#staleness()}).
	 * @throws io.ragwell.core.RemoteCallException when the shared generation cannot be advanced; the write
	 * itself is done, so the caller reports a retryable failure
	 */
	public void invalidate(String namespace) {
		this.generations.computeIfAbsent(namespace, n -> new AtomicLong()).incrementAndGet();
		if (this.shared != null) {
			this.shared.advance(namespace);
		}
	}

	/** The bound on how stale a cached response can be after another replica's write; zero for one process. */
	public Duration staleness() {
		return (this.shared != null) ? this.shared.staleness() : Duration.ZERO;
	}

	/** Bytes the cached responses weigh now, after pending evictions. */
	long responseBytes() {
		this.responses.cleanUp();
		return this.responses.policy().eviction().orElseThrow().weightedSize().orElseThrow();
	}

	/**
	 * The weight of one entry in bytes: the response's serialised JSON, counted without being kept, plus the
	 * key's text at two bytes a character and a fixed allowance for the key, node and map overhead. The JSON
	 * is a proxy for heap, not a measurement: both grow with the same text and metadata, each held once.
	 */
	static int weigh(Key key, Object response) {
		long bytes = ENTRY_OVERHEAD + 2L * (key.namespace().length() + key.kind().length() + key.query().length()
				+ key.filter().length() + key.variant().length());
		try {
			CountingStream counter = new CountingStream();
			JSON.writeValue(counter, response);
			bytes += counter.count;
		}
		catch (RuntimeException ex) {
			// Unweighable: count it as over any budget, so it is evicted at once rather than kept unbounded.
			return Integer.MAX_VALUE;
		}
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

	/** Key object, its strings' headers, Caffeine's node and the hash table slot: a generous round figure. */
	static final int ENTRY_OVERHEAD = 512;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Counts bytes written and keeps none. */
	private static final class CountingStream extends OutputStream {

		long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

	/** Shared generation of a key made while the shared generation could not be read: never cached. */
	static final long UNKNOWN = Long.MIN_VALUE;

	/** Cache key: everything that can change a response. */
	public record Key(String namespace, long generation, long sharedGeneration, String kind, String query, int topK,
			String filter, String variant) {
	}

}
