package io.ragwell.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.LlmClient;
import io.ragwell.core.VectorStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wraps every port bean in its metered decorator, so adapters stay free of metrics code and every adapter
 * is measured the same way.
 */
@Configuration(proxyBeanMethods = false)
class PortMetricsConfiguration {

	/** After the resilience decorators (order -10), so the timers measure whole calls, retries included. */
	static final int ORDER = 0;

	// The declared return type must be the Ordered class: Spring sorts post-processors by what the bean
	// definition says, before it creates them.
	@Bean
	static PortMetricsPostProcessor portMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
		return new PortMetricsPostProcessor(registry);
	}

	static final class PortMetricsPostProcessor implements BeanPostProcessor, Ordered {

		private final ObjectProvider<MeterRegistry> registry;

		PortMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
			this.registry = registry;
		}

		@Override
		public int getOrder() {
			return ORDER;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return switch (bean) {
				case MeteredEmbedder metered -> metered;
				case MeteredVectorStore metered -> metered;
				case MeteredLlmClient metered -> metered;
				case Embedder embedder -> new MeteredEmbedder(embedder, this.registry.getObject());
				case VectorStore store -> new MeteredVectorStore(store, this.registry.getObject());
				case LlmClient llm -> new MeteredLlmClient(llm, this.registry.getObject());
				default -> bean;
			};
		}

	}

}
