package io.ragwell.ops.health;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Answers from the last check while it is younger than the time to live, so a flood of health requests (they
 * are anonymous) reaches an upstream provider at most once per interval. One caller checks at a time; the
 * others wait for its answer rather than check again.
 */
final class CachedHealthIndicator implements HealthIndicator {

	private final HealthIndicator delegate;

	private final long ttlNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable Checked last;

	/**
	 * @param delegate the live check
	 * @param ttl how long an answer is reused; zero checks every time
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 */
	CachedHealthIndicator(HealthIndicator delegate, Duration ttl, LongSupplier nanoTime) {
		this.delegate = delegate;
		this.ttlNanos = ttl.toNanos();
		this.nanoTime = nanoTime;
	}

	@Override
	public @Nullable Health health() {
		Checked checked = this.last;
		if (checked != null && fresh(checked)) {
			return checked.health();
		}
		this.lock.lock();
		try {
			checked = this.last;
			if (checked != null && fresh(checked)) {
				return checked.health();
			}
			@Nullable Health health = this.delegate.health();
			this.last = new Checked(health, this.nanoTime.getAsLong());
			return health;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean fresh(Checked checked) {
		return this.nanoTime.getAsLong() - checked.at() < this.ttlNanos;
	}

	private record Checked(@Nullable Health health, long at) {
	}

}
