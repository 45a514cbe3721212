package io.ragwell.ops.health;

import java.util.function.Supplier;

import io.ragwell.core.DocumentParser;
import io.ragwell.core.Embedder;
import io.ragwell.core.LlmClient;
import io.ragwell.core.VectorStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the three ports, from each adapter's own {@code healthCheck}, each reused for
 * {@code ragwell.health.cache-ttl}. The vector store and the embedder are required (readiness group in
 * application.yml); the LLM is not, because queries degrade to the extractive answer without it. Anonymous
 * callers see the status only; the details need an admin key (application.yml).
 */
@Configuration(proxyBeanMethods = false)
class PortHealthConfiguration {

	@Bean
	HealthIndicator vectorStoreHealthIndicator(VectorStore store, HealthProperties properties) {
		return cached(() -> toHealth(store::healthCheck), properties);
	}

	@Bean
	HealthIndicator embedderHealthIndicator(Embedder embedder, HealthProperties properties) {
		return cached(() -> toHealth(embedder::healthCheck), properties);
	}

	@Bean
	HealthIndicator llmHealthIndicator(LlmClient llm, HealthProperties properties) {
		return cached(() -> toHealth(llm::healthCheck), properties);
	}

	/**
	 * OCR is optional: without Tesseract every other file type still ingests, so the component is always UP (it
	 * never takes readiness down) and says in {@code available} whether images can be read.
	 */
	@Bean
	HealthIndicator ocrHealthIndicator(DocumentParser parser, HealthProperties properties) {
		return cached(() -> {
			io.ragwell.core.Health ocr = parser.ocrHealth();
			return Health.up().withDetail("available", ocr.up()).withDetails(ocr.details()).build();
		}, properties);
	}

	private static HealthIndicator cached(HealthIndicator live, HealthProperties properties) {
		return new CachedHealthIndicator(live, properties.cacheTtl(), System::nanoTime);
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
