package io.ragwell.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where {@code Idempotency-Key}s are remembered: in the store that several replicas share (so a retry that
 * reaches another replica finds the first request's record), or in memory for a single process. A key is
 * only ever looked up within its scope (tenant namespace and API key), so one tenant's keys neither collide
 * with nor reveal another's.
 */
public interface IdempotencyRecords {

	/**
	 * A remembered request.
	 * @param fingerprint digest of the request it was first used with
	 * @param response the response body once that request completed; null while it is in flight
	 * @param createdAt when the record was claimed (or completed)
	 */
	record Entry(String fingerprint, @Nullable String response, Instant createdAt) {
	}

	/**
	 * Claims {@code key} for a request with {@code fingerprint}, atomically among replicas.
	 * @param retention how long a record is kept: an older one counts as absent
	 * @param inFlightTimeout how long an in-flight claim is honoured: an older one whose owner never
	 * completed nor released it (it died) is taken over
	 * @return empty when the caller now owns the key and must run the request, otherwise the live record
	 */
	Optional<Entry> claim(String scope, String key, String fingerprint, Duration retention, Duration inFlightTimeout);

	/** Records the response of the request that claimed {@code key}. */
	void complete(String scope, String key, String fingerprint, String response);

	/** Forgets a claim whose request failed, so that a retry runs it again. */
	void release(String scope, String key);

}
