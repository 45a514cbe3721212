package io.ragwell.ops.resilience;

import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration;
import io.ragwell.ops.PortCompositionConfiguration;
import org.mockito.Answers;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context with application.yml, resilience4j's auto-configuration and the real port composition (metered
 * outside resilient), wrapping the port beans of a test's own configuration as the application does. The
 * composition needs one adapter per port: a test declares the ones it exercises and {@link #unused} for the rest.
 */
final class DecoratedPorts {

	private DecoratedPorts() {
	}

	static ApplicationContextRunner runner(Class<?> ports) {
		return new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class,
					CircuitBreakerAutoConfiguration.class, BulkheadAutoConfiguration.class,
					TimeLimiterAutoConfiguration.class))
			.withUserConfiguration(ports, ResilienceConfiguration.class, PortCompositionConfiguration.class);
	}

	/**
	 * An in-process stand-in for a port the test does not call (names and strings are empty, numbers zero).
	 * @param port the port type
	 * @return a mock of it
	 */
	static <T> T unused(Class<T> port) {
		return Mockito.mock(port, Answers.RETURNS_SMART_NULLS);
	}

}
