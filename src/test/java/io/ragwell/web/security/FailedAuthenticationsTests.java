package io.ragwell.web.security;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthenticationsTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final FailedAuthentications failures = new FailedAuthentications(3, Duration.ofMinutes(1), 2,
			this.now::get);

	@Test
	void anAddressMayFailUpToTheLimitThenWaitsForTheRestOfTheWindow() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.failures.retryAfter("10.0.0.1")).isNull();
			this.failures.failed("10.0.0.1");
		}
		this.now.addAndGet(Duration.ofSeconds(20).toNanos());
		assertThat(this.failures.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(40));
		assertThat(this.failures.retryAfter("10.0.0.2")).as("another address").isNull();
	}

	@Test
	void theBudgetComesBackWhenTheWindowEnds() {
		for (int i = 0; i < 3; i++) {
			this.failures.failed("10.0.0.1");
		}
		this.now.addAndGet(Duration.ofMinutes(1).toNanos());
		assertThat(this.failures.retryAfter("10.0.0.1")).isNull();
		this.failures.failed("10.0.0.1");
		assertThat(this.failures.retryAfter("10.0.0.1")).isNull();
	}

	@Test
	void rejectionsAreLoggedAtMostTheLimitPerWindowAndTheNextLineCountsTheRest() {
		assertThat(this.failures.sampleLog()).isEqualTo(OptionalLong.of(0));
		assertThat(this.failures.sampleLog()).isEqualTo(OptionalLong.of(0));
		for (int i = 0; i < 1000; i++) {
			assertThat(this.failures.sampleLog()).isEmpty();
		}
		this.now.addAndGet(Duration.ofMinutes(1).toNanos());
		assertThat(this.failures.sampleLog()).isEqualTo(OptionalLong.of(1000));
		assertThat(this.failures.sampleLog()).isEqualTo(OptionalLong.of(0));
		assertThat(this.failures.sampleLog()).isEmpty();
	}

}
