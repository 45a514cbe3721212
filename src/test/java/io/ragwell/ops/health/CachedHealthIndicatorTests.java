package io.ragwell.ops.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class CachedHealthIndicatorTests {

	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger checks = new AtomicInteger();

	private final HealthIndicator live = () -> Health.up().withDetail("check", this.checks.incrementAndGet()).build();

	@Test
	void answersFromTheLastCheckUntilItExpires() {
		CachedHealthIndicator cached = new CachedHealthIndicator(this.live, Duration.ofSeconds(5), this.now::get);
		for (int i = 0; i < 100; i++) {
			assertThat(cached.health().getDetails()).containsEntry("check", 1);
		}
		this.now.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThat(cached.health().getDetails()).containsEntry("check", 2);
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void aDownAnswerIsCachedToo() {
		CachedHealthIndicator cached = new CachedHealthIndicator(() -> {
			this.checks.incrementAndGet();
			return Health.down().build();
		}, Duration.ofSeconds(5), this.now::get);
		cached.health();
		assertThat(cached.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.checks).hasValue(1);
	}

	@Test
	void concurrentCallersShareOneCheck() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CachedHealthIndicator cached = new CachedHealthIndicator(() -> {
			this.checks.incrementAndGet();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Health.up().build();
		}, Duration.ofSeconds(5), this.now::get);
		try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Health>> answers = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				answers.add(executor.submit(() -> cached.health()));
			}
			Thread.sleep(100);
			release.countDown();
			for (Future<Health> answer : answers) {
				assertThat(answer.get().getStatus()).isEqualTo(Status.UP);
			}
		}
		assertThat(this.checks).hasValue(1);
	}

	@Test
	void zeroTimeToLiveChecksEveryTime() {
		CachedHealthIndicator cached = new CachedHealthIndicator(this.live, Duration.ZERO, this.now::get);
		cached.health();
		cached.health();
		assertThat(this.checks).hasValue(2);
	}

}
