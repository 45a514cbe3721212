package io.ragwell.store.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.ragwell.core.IdempotencyRecords;
import io.ragwell.core.RemoteCallException;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@link IdempotencyRecords} in the OpenSearch index {@code <index>-idempotency}, shared by every replica. A
 * record's {@code _id} is a hash of scope and key (so ids have a fixed length and reveal neither); a claim is a
 * {@code create}, which OpenSearch refuses (409) when the id exists, so of two replicas claiming one key at once
 * exactly one wins. A record that expired, or an in-flight claim whose owner died, is taken over with a
 * conditional write ({@code if_seq_no}/{@code if_primary_term}), again exactly once. Expired records are
 * deleted at most hourly, by the replica that happens to claim a key then.
 */
public final class OpenSearchIdempotencyRecords implements IdempotencyRecords {

	private static final Logger logger = LoggerFactory.getLogger(OpenSearchIdempotencyRecords.class);

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	private static final int MAX_ATTEMPTS = 5;

	private final OpenSearchVectorStore store;

	private final String index;

	private final Clock clock;

	private final AtomicLong lastPurge = new AtomicLong();

	private volatile boolean indexReady;

	public OpenSearchIdempotencyRecords(OpenSearchVectorStore store, Clock clock) {
		this.store = store;
		this.index = store.baseIndex() + "-idempotency";
		this.clock = clock;
	}

	@Override
	public Optional<Entry> claim(String scope, String key, String fingerprint, Duration retention,
			Duration inFlightTimeout) {
		ensureIndex();
		HttpUrl url = this.store.url(this.index, "_doc", id(scope, key));
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Instant now = this.clock.instant();
			HttpUrl create = url.newBuilder().addQueryParameter("op_type", "create").build();
			OpenSearchVectorStore.Reply created = this.store.call(this.store.remote(),
					this.store.put(create, source(scope, fingerprint, null, now)), 409);
			if (created.status() != 409) {
				purgeExpired(retention);
				return Optional.empty();
			}
			OpenSearchVectorStore.Reply read = this.store.call(this.store.remote(), this.store.get(url), 404);
			JsonNode body = read.body();
			if (!body.path("found").asBoolean(false)) {
				continue; // released or purged in between: claim again
			}
			JsonNode source = body.path("_source");
			Entry entry = new Entry(source.path("fingerprint").asString(""),
					source.path("response").isString() ? source.path("response").asString() : null,
					Instant.ofEpochMilli(source.path("created_at").asLong(0)));
			boolean expired = entry.createdAt().isBefore(now.minus(retention));
			boolean abandoned = entry.response() == null && entry.createdAt().isBefore(now.minus(inFlightTimeout));
			if (!expired && !abandoned) {
				return Optional.of(entry);
			}
			HttpUrl takeOver = url.newBuilder()
				.addQueryParameter("if_seq_no", Long.toString(body.path("_seq_no").asLong()))
				.addQueryParameter("if_primary_term", Long.toString(body.path("_primary_term").asLong()))
				.build();
			if (this.store.call(this.store.remote(), this.store.put(takeOver, source(scope, fingerprint, null, now)), 409)
				.status() != 409) {
				return Optional.empty();
			}
		}
		throw RemoteCallException.retryable("vector-store", "OpenSearch: the idempotency record kept changing; gave up"
				+ " claiming it after " + MAX_ATTEMPTS + " attempts", 409, "version_conflict_engine_exception", null);
	}

	@Override
	public void complete(String scope, String key, String fingerprint, String response) {
		ensureIndex();
		this.store.call(this.store.remote(), this.store.put(this.store.url(this.index, "_doc", id(scope, key)),
				source(scope, fingerprint, response, this.clock.instant())));
	}

	@Override
	public void release(String scope, String key) {
		this.store.call(this.store.remote(),
				this.store.request(this.store.url(this.index, "_doc", id(scope, key))).delete().build(), 404);
	}

	/** The index holding the records. */
	public String index() {
		return this.index;
	}

	private String source(String scope, String fingerprint, @Nullable String response, Instant at) {
		Map<String, Object> source = new LinkedHashMap<>();
		// The scope is kept as its hash too: the index never holds a namespace or key name in clear.
		source.put("scope", sha256(scope));
		source.put("fingerprint", fingerprint);
		source.put("created_at", at.toEpochMilli());
		if (response != null) {
			source.put("response", response);
		}
		return this.store.json().writeValueAsString(source);
	}

	/** Deletes records past the retention, at most once an hour per replica; never fails the caller. */
	private void purgeExpired(Duration retention) {
		long now = this.clock.millis();
		long last = this.lastPurge.get();
		if (now - last < PURGE_INTERVAL.toMillis() || !this.lastPurge.compareAndSet(last, now)) {
			return;
		}
		try {
			HttpUrl url = this.store.url(this.index, "_delete_by_query").newBuilder()
				.addQueryParameter("conflicts", "proceed")
				.build();
			this.store.call(this.store.remote(), this.store.post(url, Map.of("query",
					Map.of("range", Map.of("created_at", Map.of("lt", now - retention.toMillis()))))));
		}
		catch (RemoteCallException ex) {
			logger.warn("Could not delete expired idempotency records from '{}': {}", this.index, ex.getMessage());
		}
	}

	private void ensureIndex() {
		if (this.indexReady) {
			return;
		}
		this.store.createSideIndex(this.index, Map.of("scope", Map.of("type", "keyword"), "created_at", Map.of("type", "long")));
		this.indexReady = true;
	}

	private static String id(String scope, String key) {
		return sha256(scope + '\u0000' + key);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
