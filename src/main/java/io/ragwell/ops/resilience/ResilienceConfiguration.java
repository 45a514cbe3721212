package io.ragwell.ops.resilience;

import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.Embedder;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmException;
import io.ragwell.core.Reranker;
import io.ragwell.core.VectorStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wraps every port bean that calls a remote dependency ({@link Remote}) in its resilient decorator, using the
 * Resilience4j instances named by {@link Remote#resilienceInstance()}; in-process adapters are left alone.
 * The registries come from resilience4j-spring-boot4's auto-configuration, built from {@code resilience4j.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

	/** Before the metrics post-processor (order 0), so the metered decorator ends up outside and times whole calls, retries included. */
	static final int ORDER = -10;

	// The declared return type must be the Ordered class: Spring sorts post-processors by what the bean
	// definition says, before it creates them.
	@Bean
	static ResiliencePostProcessor resiliencePostProcessor(ObjectProvider<RetryRegistry> retries,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakers, ObjectProvider<BulkheadRegistry> bulkheads,
			ObjectProvider<TimeLimiterRegistry> timeLimiters, ObjectProvider<ResilienceProperties> properties) {
		// ObjectProviders: a static post-processor must not pull the registries (and their configuration) into
		// existence before the context has its post-processors in place; they are resolved at the first port bean.
		return new ResiliencePostProcessor(retries, circuitBreakers, bulkheads, timeLimiters, properties);
	}

	static final class ResiliencePostProcessor implements BeanPostProcessor, Ordered {

		private final ObjectProvider<RetryRegistry> retries;

		private final ObjectProvider<CircuitBreakerRegistry> circuitBreakers;

		private final ObjectProvider<BulkheadRegistry> bulkheads;

		private final ObjectProvider<TimeLimiterRegistry> timeLimiters;

		private final ObjectProvider<ResilienceProperties> properties;

		ResiliencePostProcessor(ObjectProvider<RetryRegistry> retries,
				ObjectProvider<CircuitBreakerRegistry> circuitBreakers, ObjectProvider<BulkheadRegistry> bulkheads,
				ObjectProvider<TimeLimiterRegistry> timeLimiters, ObjectProvider<ResilienceProperties> properties) {
			this.retries = retries;
			this.circuitBreakers = circuitBreakers;
			this.bulkheads = bulkheads;
			this.timeLimiters = timeLimiters;
			this.properties = properties;
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (!(bean instanceof Remote remote)) {
				return bean;
			}
			return switch (bean) {
				case LlmClient llm -> new ResilientLlmClient(llm, policy(remote.resilienceInstance(),
						(timeout) -> new LlmException("LLM call timed out (time limiter)", 0, true, "timeout",
								timeout)));
				case Embedder embedder -> new ResilientEmbedder(embedder, policy(remote.resilienceInstance(),
						timedOut(remote.resilienceInstance())));
				case VectorStore store -> new ResilientVectorStore(store,
						policy(remote.resilienceInstance(), timedOut(remote.resilienceInstance())));
				case Reranker reranker -> new ResilientReranker(reranker,
						policy(remote.resilienceInstance(), timedOut(remote.resilienceInstance())));
				default -> bean;
			};
		}

		private ResiliencePolicy policy(String name, Function<TimeoutException, RuntimeException> onTimeout) {
			return ResiliencePolicy.of(name, this.retries.getObject(), this.circuitBreakers.getObject(),
					this.bulkheads.getObject(), this.timeLimiters.getObject(), this.properties.getObject(), onTimeout);
		}

	}

	/**
	 * Gives every configured instance our failure predicates and Retry-After interval once the context is up,
	 * not only those a remote bean uses yet: what the registries (and the actuator) show is then what any call
	 * through them would do.
	 */
	@Bean
	static SmartInitializingSingleton resilienceInstancesHardener(ObjectProvider<RetryRegistry> retries,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakers, ObjectProvider<ResilienceProperties> properties) {
		return () -> {
			RetryRegistry retryRegistry = retries.getObject();
			retryRegistry.getAllRetries()
				.forEach((retry) -> ResiliencePolicy.harden(retryRegistry, retry.getName(),
						properties.getObject().maxRetryAfter()));
			CircuitBreakerRegistry circuitBreakerRegistry = circuitBreakers.getObject();
			circuitBreakerRegistry.getAllCircuitBreakers()
				.forEach((circuitBreaker) -> ResiliencePolicy.harden(circuitBreakerRegistry, circuitBreaker.getName()));
		};
	}

	/** The time limiter's timeout as the one remote failure shape: retryable, like any other timeout. */
	static Function<TimeoutException, RuntimeException> timedOut(String service) {
		return (timeout) -> new RemoteCallException(service, "Call to " + service + " timed out (time limiter)", 0,
				true, "timeout", null, timeout);
	}

}
