package io.ragwell.store.pinecone;

import io.ragwell.core.Embedder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Pinecone store when {@code ragwell.store.type=pinecone}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.store.type", havingValue = "pinecone")
@EnableConfigurationProperties(PineconeProperties.class)
public class PineconeStoreConfiguration {

	@Bean(destroyMethod = "close")
	public PineconeVectorStore pineconeVectorStore(PineconeProperties properties, Embedder embedder) {
		if (properties.host() == null || properties.host().isBlank() || properties.apiKey() == null
				|| properties.apiKey().isBlank()) {
			throw new IllegalStateException("ragwell.store.type=pinecone needs ragwell.store.pinecone.host (the index"
					+ " host, https://<index>-<id>.svc.<region>.pinecone.io) and ragwell.store.pinecone.api-key");
		}
		return new PineconeVectorStore(properties, embedder.dimensions());
	}

}
