package io.ragwell.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.core.IdempotencyRecords;
import io.ragwell.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyTests {

	private static final IdempotencyProperties PROPERTIES = new IdempotencyProperties(Duration.ofHours(24),
			Duration.ofMinutes(10), 1000);

	/** A clock the test moves. */
	private static final class MovableClock extends Clock {

		Instant now = Instant.parse("2026-12-01T12:00:00Z");

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	private final MovableClock clock = new MovableClock();

	private final IdempotencyRecords records = new InMemoryIdempotencyRecords(PROPERTIES.retention(),
			PROPERTIES.maxEntries(), this.clock);

	private final Idempotency idempotency = new Idempotency(
			new StaticListableBeanFactory(Map.of("records", this.records)).getBeanProvider(IdempotencyRecords.class),
			PROPERTIES);

	private final AtomicInteger runs = new AtomicInteger();

	private Idempotency.Outcome<Map<String, Object>> run(String scope, String key, Object body) {
		return this.idempotency.run(scope, key, body, () -> Map.of("run", this.runs.incrementAndGet()));
	}

	@Test
	void aRetryWithTheSameKeyAndBodyGetsTheFirstResponseWithoutRunningAgain() {
		Idempotency.Outcome<Map<String, Object>> first = run("ns\u0000key-a", "k1", Map.of("content", "x"));
		assertThat(first.value()).isEqualTo(Map.of("run", 1));
		assertThat(first.replayed()).isNull();
		Idempotency.Outcome<Map<String, Object>> retry = run("ns\u0000key-a", "k1", Map.of("content", "x"));
		assertThat(retry.replayed()).isEqualTo("{\"run\":1}");
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsRefusedAndRunsNothing() {
		run("ns\u0000key-a", "k1", Map.of("content", "x"));
		assertThatThrownBy(() -> run("ns\u0000key-a", "k1", Map.of("content", "y")))
			.isInstanceOfSatisfying(IdempotencyConflictException.class,
					ex -> assertThat(ex.reason()).isEqualTo(IdempotencyConflictException.Reason.REUSED));
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void aRetryWhileTheFirstRequestRunsIsAConflictUntilTheFirstIsPresumedDead() {
		this.idempotency.run("s", "k1", Map.of("content", "x"), () -> {
			assertThatThrownBy(() -> run("s", "k1", Map.of("content", "x")))
				.isInstanceOfSatisfying(IdempotencyConflictException.class,
						ex -> assertThat(ex.reason()).isEqualTo(IdempotencyConflictException.Reason.IN_FLIGHT));
			return Map.of();
		});
		// A claim whose owner never completed it (the replica died) is taken over after the in-flight timeout.
		this.records.claim("s", "dead", "fp", PROPERTIES.retention(), PROPERTIES.inFlightTimeout());
		assertThatThrownBy(() -> run("s", "dead", Map.of())).isInstanceOf(IdempotencyConflictException.class);
		this.clock.now = this.clock.now.plus(PROPERTIES.inFlightTimeout()).plusSeconds(1);
		assertThat(run("s", "dead", Map.of()).value()).isEqualTo(Map.of("run", 1));
	}

	@Test
	void aFailedRequestReleasesItsKeySoTheRetryRuns() {
		assertThatThrownBy(() -> this.idempotency.run("s", "k1", Map.of(), () -> {
			throw new IllegalStateException("store down");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(run("s", "k1", Map.of()).value()).isEqualTo(Map.of("run", 1));
	}

	@Test
	void aRequestThatEndsInAnErrorReleasesItsKeyToo() {
		// Only RuntimeExceptions released the key: after an Error (a stack overflow in a parser, an out-of-memory)
		// every retry was a 409 "still being processed" until the in-flight timeout, for a request that had ended.
		assertThatThrownBy(() -> this.idempotency.run("s", "k1", Map.of(), () -> {
			throw new StackOverflowError();
		})).isInstanceOf(StackOverflowError.class);
		assertThat(run("s", "k1", Map.of()).value()).isEqualTo(Map.of("run", 1));
	}

	@Test
	void keysAreScopedSoAnotherTenantsKeyIsANewKey() {
		run("tenant-a\u0000key-a", "shared-key", Map.of("content", "x"));
		Idempotency.Outcome<Map<String, Object>> other = run("tenant-b\u0000key-b", "shared-key",
				Map.of("content", "y"));
		assertThat(other.replayed()).isNull();
		assertThat(other.value()).isEqualTo(Map.of("run", 2));
		assertThat(Idempotency.idSeed("tenant-a\u0000key-a", "k")).isNotEqualTo(Idempotency.idSeed("tenant-b\u0000key-b", "k"));
	}

	@Test
	void aKeyIsRememberedForTheRetentionWindowOnly() {
		run("s", "k1", Map.of());
		this.clock.now = this.clock.now.plus(PROPERTIES.retention()).minusSeconds(1);
		assertThat(run("s", "k1", Map.of()).replayed()).isNotNull();
		this.clock.now = this.clock.now.plusSeconds(2);
		assertThat(run("s", "k1", Map.of()).value()).isEqualTo(Map.of("run", 2));
	}

	@Test
	void malformedKeysAreRefused() {
		for (String key : List.of("", "has space", "x".repeat(256), "caf\u00e9")) {
			assertThatThrownBy(() -> run("s", key, Map.of())).isInstanceOf(InvalidRequestException.class);
		}
		assertThat(this.runs).hasValue(0);
	}

}
