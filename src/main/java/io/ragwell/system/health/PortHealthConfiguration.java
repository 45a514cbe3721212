package io.ragwell.system.health;

import java.util.function.Supplier;

import io.ragwell.embed.Embedder;
import io.ragwell.llm.LlmClient;
import io.ragwell.store.VectorStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the three ports, from each adapter's own {@code healthCheck}. The vector store and the embedder
 * are required (readiness group in application.yml); the LLM is not, because queries degrade to the
 * extractive answer without it.
 */
@Configuration(proxyBeanMethods = false)
class PortHealthConfiguration {

	@Bean
	HealthIndicator vectorStoreHealthIndicator(VectorStore store) {
		return () -> toHealth(store::healthCheck);
	}

	@Bean
	HealthIndicator embedderHealthIndicator(Embedder embedder) {
		return () -> toHealth(embedder::healthCheck);
	}

	@Bean
	HealthIndicator llmHealthIndicator(LlmClient llm) {
		return () -> toHealth(llm::healthCheck);
	}

	static Health toHealth(Supplier<io.ragwell.core.Health> check) {
		try {
			io.ragwell.core.Health health = check.get();
			return (health.up() ? Health.up() : Health.down()).withDetails(health.details()).build();
		}
		catch (RuntimeException ex) {
			// The cause's class only: messages of remote failures can carry URLs with credentials.
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
