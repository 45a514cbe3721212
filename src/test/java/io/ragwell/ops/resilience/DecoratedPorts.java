package io.ragwell.ops.resilience;

import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context with application.yml, resilience4j's auto-configuration and the real resilience and metrics
 * post-processors, wrapping the port beans of a test's own configuration as the application does.
 */
final class DecoratedPorts {

	private DecoratedPorts() {
	}

	static ApplicationContextRunner runner(Class<?> ports) {
		return new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class,
					CircuitBreakerAutoConfiguration.class, BulkheadAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class))
			.withUserConfiguration(ports, ResilienceConfiguration.class, portMetricsConfiguration());
	}

	private static Class<?> portMetricsConfiguration() {
		try {
			// Package-private in its own package; loaded by name so the real post-processor order is tested.
			return Class.forName("io.ragwell.ops.metrics.PortMetricsConfiguration");
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
