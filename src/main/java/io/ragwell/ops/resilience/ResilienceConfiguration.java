package io.ragwell.ops.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The resilience policies for remote adapters ({@link PortResilience}, applied by
 * {@code ops.PortCompositionConfiguration}), and Ragwell's failure predicates and Retry-After interval on every
 * configured Resilience4j instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
public class ResilienceConfiguration {

	/**
	 * @param retries {@code resilience4j.retry.*}
	 * @param circuitBreakers {@code resilience4j.circuitbreaker.*}
	 * @param bulkheads {@code resilience4j.bulkhead.*}
	 * @param timeLimiters {@code resilience4j.timelimiter.*}
	 * @param properties {@code ragwell.resilience.*}
	 * @return the policies by which remote adapters are wrapped
	 */
	@Bean
	PortResilience portResilience(RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
			BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters, ResilienceProperties properties) {
		return new PortResilience(retries, circuitBreakers, bulkheads, timeLimiters, properties);
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

}
