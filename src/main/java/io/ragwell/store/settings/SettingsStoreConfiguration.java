package io.ragwell.store.settings;

import java.nio.file.Path;

import io.ragwell.store.lucene.StoreProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings documents in files next to the Lucene index ({@code <index>-settings/}, a sibling of
 * {@code ragwell.store.lucene.path}), unless the store declares its own (OpenSearch keeps them in the cluster, so
 * every replica reads the same ones). Weaviate and Pinecone deployments use the files too: per replica, on local
 * disk.
 */
@Configuration(proxyBeanMethods = false)
public class SettingsStoreConfiguration {

	/** Every store but OpenSearch (which declares its own): by property, not bean order, so exactly one exists. */
	@Bean
	@ConditionalOnExpression("'${ragwell.store.type:lucene}' != 'opensearch'")
	public FileSettingsStore fileSettingsStore(StoreProperties properties) {
		Path index = properties.lucene().path().toAbsolutePath().normalize();
		// Beside the index rather than inside it: the index directory is Lucene's alone.
		return new FileSettingsStore(index.resolveSibling(index.getFileName() + "-settings"));
	}

}
