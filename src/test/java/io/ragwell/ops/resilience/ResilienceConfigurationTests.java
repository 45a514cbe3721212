package io.ragwell.ops.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmException;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.Reranker;
import io.ragwell.core.VectorStore;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.support.FakeEmbedder;
import io.ragwell.support.RequiresSharedData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The wiring with resilience4j-spring-boot4: application.yml's {@code resilience4j.*} instances reach the
 * registries, our predicates and Retry-After interval replace the registry-built instances, remote port
 * beans are wrapped inside the metered decorator, and in-process ones are left alone.
 */
class ResilienceConfigurationTests {

	private final ApplicationContextRunner runner = DecoratedPorts.runner(Ports.class);

	@Test
	void applicationYmlConfiguresEachRemoteDependency() {
		this.runner.run((context) -> {
			RetryRegistry retries = context.getBean(RetryRegistry.class);
			CircuitBreakerRegistry circuitBreakers = context.getBean(CircuitBreakerRegistry.class);
			TimeLimiterRegistry timeLimiters = context.getBean(TimeLimiterRegistry.class);
			BulkheadRegistry bulkheads = context.getBean(BulkheadRegistry.class);
			for (String name : List.of("llm", "embedding", "vector-store")) {
				assertThat(retries.getAllRetries()).anyMatch((retry) -> retry.getName().equals(name));
				assertThat(retries.retry(name).getRetryConfig().getMaxAttempts()).isEqualTo(3);
				CircuitBreakerConfig circuit = circuitBreakers.circuitBreaker(name).getCircuitBreakerConfig();
				assertThat(circuit.getSlidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
				assertThat(circuit.getSlidingWindowSize()).isEqualTo(20);
				assertThat(circuit.getMinimumNumberOfCalls()).isEqualTo(10);
				assertThat(circuit.getFailureRateThreshold()).isEqualTo(50f);
				assertThat(circuit.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
				assertThat(circuit.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
				assertThat(timeLimiters.timeLimiter(name).getTimeLimiterConfig().shouldCancelRunningFuture()).isTrue();
			}
			assertThat(circuitBreakers.circuitBreaker("llm")
				.getCircuitBreakerConfig()
				.getWaitIntervalFunctionInOpenState()
				.apply(1)).isEqualTo(30_000L);
			assertThat(timeLimiters.timeLimiter("llm").getTimeLimiterConfig().getTimeoutDuration())
				.isEqualTo(Duration.ofSeconds(65));
			Bulkhead llmBulkhead = bulkheads.bulkhead("llm");
			assertThat(llmBulkhead.getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(16);
			assertThat(llmBulkhead.getBulkheadConfig().getMaxWaitDuration()).isEqualTo(Duration.ofMillis(500));
		});
	}

	@Test
	void llmBackoffIsExponentialWithJitterAndRetryAfterReplacesIt() {
		this.runner.run((context) -> {
			RetryConfig config = context.getBean(RetryRegistry.class).retry("llm").getRetryConfig();
			assertThat(config.getIntervalBiFunction()).isInstanceOf(RetryAfterInterval.class);
			Either<Throwable, Object> serverError = Either.left(new LlmException("boom", 500, true, null, null));
			Set<Long> firstWaits = IntStream.range(0, 50)
				.mapToObj((i) -> config.getIntervalBiFunction().apply(1, serverError))
				.collect(Collectors.toSet());
			// 500 ms ± 50 % jitter for the first retry, twice that for the second.
			assertThat(firstWaits).allSatisfy((wait) -> assertThat(wait).isBetween(250L, 750L)).hasSizeGreaterThan(1);
			assertThat((Long) config.getIntervalBiFunction().apply(2, serverError)).isBetween(500L, 1500L);
			Either<Throwable, Object> rateLimited = Either
				.left(new LlmException("slow down", 429, true, "rate_limit_exceeded", Duration.ofSeconds(7), null));
			assertThat((Long) config.getIntervalBiFunction().apply(1, rateLimited)).isEqualTo(7_000L);
		});
	}

	@Test
	void retryAndCircuitBreakerUseOurFailurePredicates() {
		this.runner.run((context) -> {
			RetryConfig retry = context.getBean(RetryRegistry.class).retry("embedding").getRetryConfig();
			CircuitBreakerConfig circuit = context.getBean(CircuitBreakerRegistry.class)
				.circuitBreaker("vector-store")
				.getCircuitBreakerConfig();
			RemoteCallException badRequest = RemoteCallException.ofStatus("embedding", "bad", 400, null, null);
			RemoteCallException unavailable = RemoteCallException.ofStatus("embedding", "down", 503, null, null);

			assertThat(retry.getExceptionPredicate().test(badRequest)).isFalse();
			assertThat(retry.getExceptionPredicate().test(unavailable)).isTrue();
			assertThat(retry.getExceptionPredicate().test(new IllegalStateException())).isFalse();
			assertThat(circuit.getRecordExceptionPredicate().test(badRequest)).isFalse();
			assertThat(circuit.getRecordExceptionPredicate().test(unavailable)).isTrue();
			assertThat(circuit.getRecordExceptionPredicate().test(new java.util.concurrent.TimeoutException()))
				.isTrue();
		});
	}

	@Test
	void everyValueCanBeOverriddenWithTheUsualKeys() {
		this.runner
			.withPropertyValues("resilience4j.retry.instances.llm.max-attempts=5",
					"resilience4j.circuitbreaker.instances.llm.sliding-window-size=40",
					"ragwell.resilience.max-retry-after=2s")
			.run((context) -> {
				RetryConfig retry = context.getBean(RetryRegistry.class).retry("llm").getRetryConfig();
				assertThat(retry.getMaxAttempts()).isEqualTo(5);
				assertThat(context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("llm")
					.getCircuitBreakerConfig()
					.getSlidingWindowSize()).isEqualTo(40);
				assertThat(retry.getExceptionPredicate()
					.test(new LlmException("later", 429, true, null, Duration.ofSeconds(3), null))).isFalse();
				assertThat(retry.getExceptionPredicate()
					.test(new LlmException("soon", 429, true, null, Duration.ofSeconds(1), null))).isTrue();
			});
	}

	@RequiresSharedData("contracts/openai")
	@Test
	void remoteLlmIsRetriedInsideTheMeteredDecoratorSoMetricsTimeTheWholeCall() {
		this.runner.run((context) -> {
			FlakyRemoteLlm flaky = context.getBean(Ports.class).llm;
			LlmClient llm = context.getBean(LlmClient.class);

			LlmAnswer answer = llm.generate(ResilientLlmClientFaultTests.request());

			assertThat(answer.text()).isEqualTo("fine");
			assertThat(flaky.calls.get()).isEqualTo(3);
			// One timed call: the retries happened inside it.
			assertThat(context.getBean(MeterRegistry.class).get(RagMetrics.LLM).timer().count()).isEqualTo(1);
			assertThat(context.getBean(RetryRegistry.class)
				.retry("llm")
				.getMetrics()
				.getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
		});
	}

	@Test
	void inProcessAdaptersAreNotWrapped() {
		this.runner.run((context) -> {
			FakeEmbedder local = context.getBean(Ports.class).embedder;
			Embedder embedder = context.getBean(Embedder.class);

			Throwable failure = catchThrowable(() -> embedder.embed("text"));

			assertThat(failure).isInstanceOf(RemoteCallException.class);
			assertThat(local.calls()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Ports {

		final FlakyRemoteLlm llm = new FlakyRemoteLlm();

		// In-process: even a failure that looks retryable must not be retried by the resilience layer.
		final FakeEmbedder embedder = FakeEmbedder.of("local", 1, (text) -> {
			throw RemoteCallException.ofStatus("embedding", "should surface at once", 503, null, null);
		});

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		FlakyRemoteLlm flakyRemoteLlm() {
			return this.llm;
		}

		@Bean
		FakeEmbedder localEmbedder() {
			return this.embedder;
		}

		@Bean
		VectorStore unusedStore() {
			return DecoratedPorts.unused(VectorStore.class);
		}

		@Bean
		Reranker unusedReranker() {
			return DecoratedPorts.unused(Reranker.class);
		}

	}

	/** Fails twice with a retryable 503, then answers. */
	static final class FlakyRemoteLlm implements LlmClient, Remote {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public String resilienceInstance() {
			return "llm";
		}

		@Override
		public LlmAnswer generate(LlmRequest request) {
			if (this.calls.incrementAndGet() < 3) {
				throw new LlmException("unavailable", 503, true, null, Duration.ZERO, null);
			}
			return new LlmAnswer("fine", 1, 1);
		}

		@Override
		public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
			return generate(request);
		}

		@Override
		public String provider() {
			return "flaky";
		}

		@Override
		public String model() {
			return "m";
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

}
