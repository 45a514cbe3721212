package io.ragwell.system.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.embed.Embedder;
import io.ragwell.llm.LlmClient;
import io.ragwell.store.VectorStore;

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

	@Bean
	static BeanPostProcessor portMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
		// Ordered: runs before unordered post-processors, so test wrappers see the metered bean.
		class PortMetricsPostProcessor implements BeanPostProcessor, Ordered {

			@Override
			public int getOrder() {
				return 0;
			}

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return switch (bean) {
					case MeteredEmbedder metered -> metered;
					case MeteredVectorStore metered -> metered;
					case MeteredLlmClient metered -> metered;
					case Embedder embedder -> new MeteredEmbedder(embedder, registry.getObject());
					case VectorStore store -> new MeteredVectorStore(store, registry.getObject());
					case LlmClient llm -> new MeteredLlmClient(llm, registry.getObject());
					default -> bean;
				};
			}

		}
		return new PortMetricsPostProcessor();
	}

}
