package io.ragwell.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ragwell.core.IdempotencyRecords;
import org.jspecify.annotations.Nullable;

/**
 * {@link IdempotencyRecords} of one process (the embedded Lucene store): a bounded map, entries expiring after
 * the retention. Lost on restart; a retry after a restart runs again, and ids derived from the key make that
 * an unchanged re-ingest rather than a duplicate.
 */
final class InMemoryIdempotencyRecords implements IdempotencyRecords {

	private final Cache<String, Entry> entries;

	private final Clock clock;

	InMemoryIdempotencyRecords(Duration retention, long maxEntries, Clock clock) {
		this.clock = clock;
		this.entries = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(maxEntries).build();
	}

	@Override
	public Optional<Entry> claim(String scope, String key, String fingerprint, Duration retention,
			Duration inFlightTimeout) {
		Instant now = this.clock.instant();
		Entry[] existing = new Entry[1];
		this.entries.asMap().compute(id(scope, key), (id, entry) -> {
			boolean live = entry != null && entry.createdAt().isAfter(now.minus(retention))
					&& (entry.response() != null || entry.createdAt().isAfter(now.minus(inFlightTimeout)));
			if (live) {
				existing[0] = entry;
				return entry;
			}
			return new Entry(fingerprint, null, now);
		});
		return Optional.ofNullable(existing[0]);
	}

	@Override
	public void complete(String scope, String key, String fingerprint, String response) {
		this.entries.put(id(scope, key), new Entry(fingerprint, response, this.clock.instant()));
	}

	@Override
	public void release(String scope, String key) {
		this.entries.invalidate(id(scope, key));
	}

	private static String id(String scope, @Nullable String key) {
		return scope + '\u0000' + key;
	}

}
