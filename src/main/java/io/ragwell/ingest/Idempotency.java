package io.ragwell.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.ragwell.core.IdempotencyRecords;
import io.ragwell.core.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs a request at most once per {@code Idempotency-Key} (as Stripe's API does): the first request with a key
 * runs and its response is recorded; a retry with the same key and the same body gets that response again
 * without running; the same key with another body is a 422; a retry while the first is still running is a 409.
 * Only successful responses are recorded: a failed request releases its key, so its retry runs again.
 *
 * <p>Keys are scoped by the caller's namespace and API key, so tenants cannot collide or probe each other's
 * keys. The records live where the store keeps them ({@link IdempotencyRecords}: OpenSearch for several
 * replicas), otherwise in this process's memory.
 */
@Service
public class Idempotency {

	private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

	/** Printable ASCII without spaces, as Stripe accepts: enough for UUIDs and any client's own scheme. */
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private final IdempotencyRecords records;

	private final IdempotencyProperties properties;

	private final JsonMapper json = JsonMapper.builder().build();

	public Idempotency(ObjectProvider<IdempotencyRecords> records, IdempotencyProperties properties) {
		this.properties = properties;
		this.records = records.getIfAvailable(() -> new InMemoryIdempotencyRecords(properties.retention(),
				properties.maxEntries(), Clock.systemUTC()));
	}

	/**
	 * What a request with a key produced.
	 * @param value the response of this run, or null when replayed
	 * @param replayed the recorded response's JSON when this is a retry, or null when the request ran now
	 */
	public record Outcome<T>(@org.jspecify.annotations.Nullable T value,
			@org.jspecify.annotations.Nullable String replayed) {
	}

	/**
	 * Runs {@code action} unless {@code key} was already used within {@code scope}.
	 * @param scope who is calling: namespace and API key
	 * @param key the client's {@code Idempotency-Key}
	 * @param request the request as parsed; its canonical JSON is the fingerprint
	 * @param action the request's work; its result must serialise to JSON
	 * @throws InvalidRequestException when the key is malformed
	 * @throws IdempotencyConflictException when the key was used with another body, or is in flight
	 */
	public <T> Outcome<T> run(String scope, String key, Object request, Supplier<T> action) {
		checkKey(key);
		String fingerprint = sha256(this.json.writeValueAsString(request));
		Optional<IdempotencyRecords.Entry> existing = this.records.claim(scope, key, fingerprint,
				this.properties.retention(), this.properties.inFlightTimeout());
		if (existing.isPresent()) {
			IdempotencyRecords.Entry entry = existing.get();
			if (!entry.fingerprint().equals(fingerprint)) {
				throw new IdempotencyConflictException(IdempotencyConflictException.Reason.REUSED,
						"this Idempotency-Key was already used with a different request body; use a new key for a new"
								+ " request");
			}
			if (entry.response() == null) {
				throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_FLIGHT,
						"a request with this Idempotency-Key is still being processed; retry shortly");
			}
			return new Outcome<>(null, entry.response());
		}
		T result;
		try {
			result = action.get();
		}
		catch (RuntimeException | Error ex) {
			// Whatever ended the request, it is over: a retry runs again rather than wait out the in-flight timeout.
			release(scope, key);
			throw ex;
		}
		// The work is done: failing to record it must not fail the request (a retry would run again, which the
		// key-derived document ids make harmless), so this only logs.
		try {
			this.records.complete(scope, key, fingerprint, this.json.writeValueAsString(result));
		}
		catch (RuntimeException ex) {
			log.warn("could not record the response of an idempotent request; a retry will run it again: {}",
					ex.getMessage());
			release(scope, key);
		}
		return new Outcome<>(result, null);
	}

	private void release(String scope, String key) {
		try {
			this.records.release(scope, key);
		}
		catch (RuntimeException ex) {
			log.warn("could not release an idempotency key after a failure; it is retried after {}: {}",
					this.properties.inFlightTimeout(), ex.getMessage());
		}
	}

	static void checkKey(String key) {
		if (!KEY.matcher(key).matches()) {
			throw new InvalidRequestException("invalid-request", "Idempotency-Key",
					"the Idempotency-Key header must be 1-255 printable ASCII characters without spaces");
		}
	}

	/**
	 * The seed from which documents without an id get theirs when the request carries a key: the same key in
	 * the same scope always names the same documents, so even a request that ran twice (its record lost)
	 * re-ingests them instead of duplicating them.
	 */
	public static String idSeed(String scope, String key) {
		return sha256(scope + '\u0000' + key);
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
