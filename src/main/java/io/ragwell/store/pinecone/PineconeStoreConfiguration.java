package io.ragwell.store.pinecone;

import io.ragwell.embed.Embedder;
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
		return new PineconeVectorStore(properties, embedder.dimensions());
	}

}
