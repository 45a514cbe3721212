package io.ragwell.store.opensearch;

import io.ragwell.core.Embedder;
import io.ragwell.rank.ReciprocalRankFusion;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the OpenSearch store when {@code ragwell.store.type=opensearch}. The index is created with the
 * embedder's dimensions on first use, and an existing index built for other dimensions is refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.store.type", havingValue = "opensearch")
@EnableConfigurationProperties(OpenSearchProperties.class)
public class OpenSearchStoreConfiguration {

	/**
	 * The store; closed on shutdown to release OkHttp's connection pool and threads.
	 * @param properties {@code ragwell.store.opensearch.*}
	 * @param embedder the embedder whose vectors the index holds
	 * @param rrfK the reciprocal rank fusion constant of a hybrid request that describes no fusion: the query pipeline's
	 * {@code ragwell.query.rrf-k} (validated there), read by name so the store does not import the pipeline
	 * @return the store
	 */
	@Bean(destroyMethod = "close")
	public OpenSearchVectorStore openSearchVectorStore(OpenSearchProperties properties, Embedder embedder,
			@Value("${ragwell.query.rrf-k:" + ReciprocalRankFusion.DEFAULT_K + "}") int rrfK) {
		return new OpenSearchVectorStore(properties, embedder.dimensions(), rrfK);
	}

	/**
	 * The write generations every replica on this OpenSearch shares, read by the response cache.
	 * @param store the store whose connection it uses
	 * @param properties {@code ragwell.store.opensearch.generation-ttl}
	 * @return the shared generations
	 */
	@Bean
	public OpenSearchIdempotencyRecords openSearchIdempotencyRecords(OpenSearchVectorStore store) {
		return new OpenSearchIdempotencyRecords(store, java.time.Clock.systemUTC());
	}

	/**
	 * Background jobs in {@code <index>-jobs}, so that every replica sees them and one resumes another's.
	 * @param store the store whose connection it uses
	 * @return the shared job records
	 */
	@Bean
	public OpenSearchJobRecords openSearchJobRecords(OpenSearchVectorStore store) {
		return new OpenSearchJobRecords(store, java.time.Clock.systemUTC());
	}

	/**
	 * Tuned retrieval settings in the cluster, so every replica applies the same ones.
	 * @param store the store whose connection it uses
	 * @return the settings store
	 */
	@Bean
	public OpenSearchSettingsStore openSearchSettingsStore(OpenSearchVectorStore store) {
		return new OpenSearchSettingsStore(store);
	}

	@Bean
	public OpenSearchGenerations openSearchGenerations(OpenSearchVectorStore store, OpenSearchProperties properties) {
		return new OpenSearchGenerations(store, properties.generationTtl());
	}

}
