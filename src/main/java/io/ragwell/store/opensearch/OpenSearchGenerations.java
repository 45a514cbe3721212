package io.ragwell.store.opensearch;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SharedGenerations;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-namespace write generations kept in OpenSearch, so every replica's response cache notices every other
 * replica's writes. One small document per namespace in {@code <index>-generations}; a write re-indexes it,
 * and OpenSearch increments the document's {@code _version} atomically on every index operation, so the
 * version is the generation (no read-modify-write, no conflict between replicas advancing it at once).
 *
 * <p>Reads are real-time GETs by id (they see the last acknowledged write without a refresh), at most one per
 * namespace per {@code ttl} per replica: each read is kept until {@code ttl} after it <em>started</em>, so a
 * generation served at time t was read by a request sent after t − ttl, and a write acknowledged before that is
 * always seen. The staleness bound is therefore {@code ttl} exactly, and a cached request costs a local map
 * lookup, not a round trip. A copy past half its ttl is refreshed in the background by the next lookup (which
 * still gets the valid copy); concurrent requests for a namespace whose copy expired wait for one read.
 */
public final class OpenSearchGenerations implements SharedGenerations {

	private static final Logger logger = LoggerFactory.getLogger(OpenSearchGenerations.class);

	/** Attempts at advancing before the write's caller is told it failed. */
	private static final int ADVANCE_ATTEMPTS = 3;

	/** Namespaces whose generation a replica keeps; far more than are ever queried within one ttl. */
	private static final int MAX_NAMESPACES = 100_000;

	private final OpenSearchVectorStore store;

	private final String index;

	private final Duration ttl;

	private final LoadingCache<String, Read> reads;

	private volatile boolean indexReady;

	/** One read of a generation and when its request was sent. */
	private record Read(long generation, long startedNanos) {
	}

	public OpenSearchGenerations(OpenSearchVectorStore store, Duration ttl) {
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
		}
		this.store = store;
		this.index = store.baseIndex() + "-generations";
		this.ttl = ttl;
		long ttlNanos = ttl.toNanos();
		Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(MAX_NAMESPACES);
		if (ttlNanos > 1) {
			// Past half its life a copy is re-read in the background on the next lookup, while still served, so
			// under steady traffic no request waits for the GET; only a namespace idle for a whole ttl pays it.
			builder = builder.refreshAfterWrite(Duration.ofNanos(ttlNanos / 2));
		}
		this.reads = builder
			.expireAfter(new Expiry<String, Read>() {

				@Override
				public long expireAfterCreate(String key, Read read, long currentTime) {
					return Math.max(0, ttlNanos - (System.nanoTime() - read.startedNanos()));
				}

				@Override
				public long expireAfterUpdate(String key, Read read, long currentTime, long currentDuration) {
					return expireAfterCreate(key, read, currentTime);
				}

				@Override
				public long expireAfterRead(String key, Read read, long currentTime, long currentDuration) {
					return currentDuration;
				}

			})
			.build(this::read);
	}

	/** The name of the index holding the generations (for tests and operators). */
	public String index() {
		return this.index;
	}

	@Override
	public OptionalLong current(String namespace) {
		try {
			return OptionalLong.of(this.reads.get(namespace).generation());
		}
		catch (RemoteCallException | CompletionException ex) {
			// Unknown is not zero: the caller bypasses its cache instead of trusting a guess.
			logger.debug("Could not read the generation of namespace '{}': {}", namespace, ex.getMessage());
			return OptionalLong.empty();
		}
	}

	@Override
	public void advance(String namespace) {
		RemoteCallException last = null;
		for (int attempt = 1; attempt <= ADVANCE_ATTEMPTS; attempt++) {
			try {
				index(namespace);
				this.reads.invalidate(namespace);
				return;
			}
			catch (RemoteCallException ex) {
				last = ex;
				if (!ex.retryable() || attempt == ADVANCE_ATTEMPTS) {
					break;
				}
				sleep(50L << attempt);
			}
		}
		this.reads.invalidate(namespace);
		throw java.util.Objects.requireNonNull(last);
	}

	@Override
	public Duration staleness() {
		return this.ttl;
	}

	private void index(String namespace) {
		ensureIndex();
		HttpUrl url = this.store.url(this.index, "_doc", id(namespace));
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.remote(),
				this.store.put(url, this.store.json().writeValueAsString(Map.of("namespace", namespace))), 404);
		if (reply.status() == 404) {
			// Deleted under us (an operator, a test): create it again and retry once.
			this.indexReady = false;
			ensureIndex();
			this.store.call(this.store.remote(),
					this.store.put(url, this.store.json().writeValueAsString(Map.of("namespace", namespace))));
		}
	}

	private Read read(String namespace) {
		long started = System.nanoTime();
		HttpUrl url = this.store.url(this.index, "_doc", id(namespace)).newBuilder()
			.addQueryParameter("_source", "false")
			.build();
		// 404 is both "never written" and "no index yet": generation 0 either way.
		OpenSearchVectorStore.Reply reply = this.store.call(this.store.quickRemote(), this.store.get(url), 404);
		long generation = reply.body().path("found").asBoolean(false) ? reply.body().path("_version").asLong(0) : 0;
		return new Read(generation, started);
	}

	private void ensureIndex() {
		if (this.indexReady) {
			return;
		}
		this.store.createSideIndex(this.index, Map.of("namespace", Map.of("type", "keyword")));
		this.indexReady = true;
	}

	/** The namespace's index name is already a distinct, valid id for every namespace. */
	private String id(String namespace) {
		return OpenSearchFields.namespaceIndex(this.store.baseIndex(), namespace);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
