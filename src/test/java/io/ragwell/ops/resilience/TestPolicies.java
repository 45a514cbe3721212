package io.ragwell.ops.resilience;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.ragwell.core.LlmException;

/**
 * Registries configured like the {@code llm} instances in application.yml (same kinds of settings: retry with
 * exponential randomized backoff, count-based circuit breaker with automatic half-open, per-attempt time
 * limiter, semaphore bulkhead), with waits shortened so the suite stays fast.
 */
final class TestPolicies {

	static final int MAX_ATTEMPTS = 3;

	static final int WINDOW = 4;

	static final Duration OPEN_STATE_WAIT = Duration.ofMillis(500);

	// Generous: a cold first call on a loaded 2-core CI machine must not time out by accident.
	static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(2500);

	private TestPolicies() {
	}

	static ResiliencePolicy llm(Duration maxRetryAfter) {
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(MAX_ATTEMPTS)
			.intervalFunction(
					IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(20), 2, 0.5, Duration.ofMillis(100)))
			.build());
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(WINDOW)
			.minimumNumberOfCalls(WINDOW)
			.failureRateThreshold(50)
			.waitDurationInOpenState(OPEN_STATE_WAIT)
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build());
		BulkheadRegistry bulkheads = BulkheadRegistry.of(
				BulkheadConfig.custom().maxConcurrentCalls(4).maxWaitDuration(Duration.ofMillis(100)).build());
		TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.of(
				TimeLimiterConfig.custom().timeoutDuration(ATTEMPT_TIMEOUT).cancelRunningFuture(true).build());
		return ResiliencePolicy.of("llm", retries, circuitBreakers, bulkheads, timeLimiters,
				new ResilienceProperties(maxRetryAfter),
				(timeout) -> new LlmException("timed out", 0, true, "timeout", timeout));
	}

}
