package io.ragwell.web.security;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * Failed authentications per client address, in fixed windows, and a sampled log of them. An address that
 * presented too many unknown keys in a window gets 429 for every further unknown key until the window ends (a
 * valid key is still served: the address may be a load balancer's); and however many unknown keys arrive, at most
 * {@code logLimit} lines a window are logged, the next one saying how many were left out.
 */
final class FailedAuthentications {

	/** Bounds the memory a flood of spoofed or rotating addresses can take; the oldest windows go first. */
	private static final int MAX_ADDRESSES = 10_000;

	private final int limit;

	private final long periodNanos;

	private final int logLimit;

	private final LongSupplier nanoTime;

	private final Cache<String, Window> windows;

	private final Object logLock = new Object();

	private long logWindowStart;

	private int logged;

	private long suppressed;

	/**
	 * @param limit failed authentications an address may make per period
	 * @param period the window
	 * @param logLimit rejected keys logged per period, over all addresses
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 */
	FailedAuthentications(int limit, Duration period, int logLimit, LongSupplier nanoTime) {
		this.limit = limit;
		this.periodNanos = period.toNanos();
		this.logLimit = logLimit;
		this.nanoTime = nanoTime;
		this.windows = Caffeine.newBuilder()
			.maximumSize(MAX_ADDRESSES)
			.expireAfterWrite(this.periodNanos, TimeUnit.NANOSECONDS)
			.ticker(nanoTime::getAsLong)
			.build();
		this.logWindowStart = nanoTime.getAsLong();
	}

	/** How long the address must wait, or {@code null} when it may still try a key. */
	@Nullable Duration retryAfter(String address) {
		Window window = this.windows.getIfPresent(address);
		long now = this.nanoTime.getAsLong();
		if (window == null || window.expired(now, this.periodNanos) || window.failures.get() < this.limit) {
			return null;
		}
		return Duration.ofNanos(window.start + this.periodNanos - now);
	}

	/** Counts a failure of the address. */
	void failed(String address) {
		long now = this.nanoTime.getAsLong();
		Window window = this.windows.asMap()
			.compute(address, (key, current) -> (current == null || current.expired(now, this.periodNanos))
					? new Window(now) : current);
		window.failures.incrementAndGet();
	}

	/**
	 * Whether to log this rejection: the number of rejections left out since the last logged one, or empty
	 * when this one is to be left out too.
	 */
	OptionalLong sampleLog() {
		synchronized (this.logLock) {
			long now = this.nanoTime.getAsLong();
			if (now - this.logWindowStart >= this.periodNanos) {
				this.logWindowStart = now;
				this.logged = 0;
			}
			if (this.logged >= this.logLimit) {
				this.suppressed++;
				return OptionalLong.empty();
			}
			this.logged++;
			long left = this.suppressed;
			this.suppressed = 0;
			return OptionalLong.of(left);
		}
	}

	private static final class Window {

		final long start;

		final AtomicInteger failures = new AtomicInteger();

		Window(long start) {
			this.start = start;
		}

		boolean expired(long now, long periodNanos) {
			return now - this.start >= periodNanos;
		}

	}

}
