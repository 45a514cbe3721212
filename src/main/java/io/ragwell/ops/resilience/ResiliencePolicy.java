package io.ragwell.ops.resilience;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.ragwell.core.RemoteCallException;
import org.jspecify.annotations.Nullable;

/**
 * One dependency's Resilience4j instances, applied around a call as
 * {@code Retry(CircuitBreaker(Bulkhead(TimeLimiter(call))))}: every attempt is time-limited, admitted by
 * the bulkhead and counted by the circuit breaker, and the retry sees each attempt's outcome.
 * <p>
 * The time-limited call runs on a fresh virtual thread; on timeout the time limiter cancels it, which
 * interrupts that thread (blocking socket I/O on a virtual thread gives up when interrupted), so a hung
 * dependency leaves no thread behind.
 */
public final class ResiliencePolicy {

	/** Circuit breakers already carrying our predicates; their config does not say so recognisably. */
	private static final Set<CircuitBreaker> HARDENED = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private final String name;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final Bulkhead bulkhead;

	private final TimeLimiter timeLimiter;

	private final Function<TimeoutException, RuntimeException> onTimeout;

	private final ThreadFactory threads;

	/** Attempt threads still alive; virtual threads are invisible to thread dumps, so leaks show here. */
	private final AtomicInteger running = new AtomicInteger();

	ResiliencePolicy(String name, Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead,
			TimeLimiter timeLimiter, Function<TimeoutException, RuntimeException> onTimeout) {
		this.name = name;
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
		this.timeLimiter = timeLimiter;
		this.onTimeout = onTimeout;
		this.threads = Thread.ofVirtual().name("ragwell-" + name + "-", 0).factory();
	}

	/**
	 * The policy for instance {@code name}, with the registry's retry and circuit breaker instances replaced by
	 * ones that use our failure predicates and Retry-After interval on top of their configured values.
	 * @param onTimeout turns the time limiter's checked exception into the port's failure type
	 */
	public static ResiliencePolicy of(String name, RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
			BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters, ResilienceProperties properties,
			Function<TimeoutException, RuntimeException> onTimeout) {
		return new ResiliencePolicy(name, harden(retries, name, properties.maxRetryAfter()),
				harden(circuitBreakers, name), bulkheads.bulkhead(name), timeLimiters.timeLimiter(name), onTimeout);
	}

	/**
	 * Replaces instance {@code name} with a copy of its configuration that retries only
	 * {@link RetryableFailure}s and waits as long as the provider's Retry-After says. Done by replacement
	 * because the configured interval (exponential backoff with jitter, from the yml) is only readable from
	 * the built instance, not from a {@code RetryConfigCustomizer}'s builder; replacing keeps the Micrometer
	 * binding, which follows the registry's replace events. Idempotent.
	 */
	static Retry harden(RetryRegistry registry, String name, Duration maxRetryAfter) {
		synchronized (registry) {
			Retry existing = registry.retry(name);
			RetryConfig config = existing.getRetryConfig();
			if (config.getIntervalBiFunction() instanceof RetryAfterInterval) {
				return existing; // already ours
			}
			RetryConfig hardened = RetryConfig.from(config)
				.retryOnException(new RetryableFailure(maxRetryAfter))
				.intervalBiFunction(new RetryAfterInterval(config.getIntervalBiFunction(), maxRetryAfter))
				.build();
			Retry replacement = Retry.of(name, hardened, existing.getTags());
			registry.replace(name, replacement);
			return replacement;
		}
	}

	/**
	 * Replaces instance {@code name} with a copy that records only failures saying the dependency is
	 * unhealthy. A request the dependency rejected (400, 401, 404 …) counts as a call it handled, and a full
	 * bulkhead is our own saturation, so it is ignored. Idempotent.
	 */
	static CircuitBreaker harden(CircuitBreakerRegistry registry, String name) {
		synchronized (registry) {
			CircuitBreaker existing = registry.circuitBreaker(name);
			if (HARDENED.contains(existing)) {
				return existing;
			}
			CircuitBreakerConfig config = existing.getCircuitBreakerConfig();
			Predicate<Throwable> configuredIgnore = config.getIgnoreExceptionPredicate();
			CircuitBreakerConfig hardened = CircuitBreakerConfig.from(config)
				.recordException(new UnhealthyDependency())
				.ignoreException((failure) -> failure instanceof BulkheadFullException
						|| failure instanceof InterruptedException || configuredIgnore.test(failure))
				.build();
			CircuitBreaker replacement = CircuitBreaker.of(name, hardened, existing.getTags());
			registry.replace(name, replacement);
			HARDENED.add(replacement);
			return replacement;
		}
	}

	/** Runs {@code call} under the whole policy. */
	public <T extends @Nullable Object> T execute(Callable<T> call) {
		return execute(call, () -> true);
	}

	/**
	 * Runs {@code call} under the whole policy, retrying a failed attempt only while {@code mayRetry} holds
	 * (a stream that already delivered output must not be retried, or its text would repeat).
	 */
	public <T extends @Nullable Object> T execute(Callable<T> call, BooleanSupplier mayRetry) {
		Callable<T> timeLimited = () -> {
			AtomicReference<@Nullable FutureTask<T>> started = new AtomicReference<>();
			try {
				return this.timeLimiter.executeFutureSupplier(() -> {
					FutureTask<T> task = start(call);
					started.set(task);
					return task;
				});
			}
			catch (InterruptedException ex) {
				// Our caller is cancelled (its client hung up): stop the attempt too, or it would run on, holding
				// a connection and spending tokens nobody reads. The time limiter cancels only on its own timeout.
				FutureTask<T> task = started.get();
				if (task != null) {
					task.cancel(true);
				}
				throw ex;
			}
		};
		Callable<T> guarded = CircuitBreaker.decorateCallable(this.circuitBreaker,
				Bulkhead.decorateCallable(this.bulkhead, timeLimited));
		Callable<T> attempt = () -> {
			try {
				return guarded.call();
			}
			catch (Exception ex) {
				if (!mayRetry.getAsBoolean()) {
					throw new NotRetried(ex);
				}
				throw ex;
			}
		};
		try {
			return this.retry.executeCallable(attempt);
		}
		catch (NotRetried ex) {
			throw unchecked(ex.failure);
		}
		catch (Exception ex) {
			throw unchecked(ex);
		}
	}

	private <T extends @Nullable Object> FutureTask<T> start(Callable<T> call) {
		FutureTask<T> task = new FutureTask<>(call);
		this.running.incrementAndGet();
		this.threads.newThread(() -> {
			try {
				task.run();
			}
			finally {
				this.running.decrementAndGet();
			}
		}).start();
		return task;
	}

	private RuntimeException unchecked(Exception ex) {
		if (ex instanceof RuntimeException runtime) {
			return runtime;
		}
		if (ex instanceof TimeoutException timeout) {
			return this.onTimeout.apply(timeout);
		}
		if (ex instanceof InterruptedException) {
			// Our caller is being cancelled (shutdown, client gone): keep the flag so it notices.
			Thread.currentThread().interrupt();
		}
		return RemoteCallException.unexpected(this.name,
				"Call to " + this.name + " failed: " + ex.getClass().getSimpleName(), ex);
	}

	/** Attempt threads started and not yet finished, abandoned (timed-out) attempts included. */
	public int runningAttempts() {
		return this.running.get();
	}

	/** The instance name: {@code llm}, {@code embedding} or {@code vector-store}. */
	public String name() {
		return this.name;
	}

	public Retry retry() {
		return this.retry;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	public Bulkhead bulkhead() {
		return this.bulkhead;
	}

	public TimeLimiter timeLimiter() {
		return this.timeLimiter;
	}

	/** Carries a failure past the retry untouched; never escapes {@link #execute}. */
	private static final class NotRetried extends RuntimeException {

		private final Exception failure;

		NotRetried(Exception failure) {
			super(null, null, false, false);
			this.failure = failure;
		}

	}

}
