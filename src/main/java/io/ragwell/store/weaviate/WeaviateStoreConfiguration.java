package io.ragwell.store.weaviate;

import io.ragwell.core.Embedder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Weaviate store when {@code ragwell.store.type=weaviate}. Each namespace's classes are created on its
 * first write; startup only looks for the shared classes of earlier versions (warning when they still hold
 * objects), and an unreachable server does not stop it (health reports it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.store.type", havingValue = "weaviate")
@EnableConfigurationProperties(WeaviateProperties.class)
public class WeaviateStoreConfiguration {

	@Bean(destroyMethod = "close")
	public WeaviateVectorStore weaviateVectorStore(WeaviateProperties properties, Embedder embedder) {
		WeaviateVectorStore store = new WeaviateVectorStore(properties, embedder.dimensions());
		store.checkAtStartup();
		return store;
	}

}
