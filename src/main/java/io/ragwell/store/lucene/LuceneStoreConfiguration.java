package io.ragwell.store.lucene;

import io.ragwell.core.Embedder;
import io.ragwell.rank.ReciprocalRankFusion;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the embedded Lucene store, the default {@code ragwell.store.type}. The index is sized to the
 * embedder's dimensions and records the embedder's model name, so an index built with another model is refused
 * at startup even when both models produce vectors of the same length.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.store.type", havingValue = "lucene", matchIfMissing = true)
public class LuceneStoreConfiguration {

	/**
	 * The store; closed on shutdown so the writer's lock is released and pending state is committed.
	 * @param properties {@code ragwell.store.*}
	 * @param embedder the embedder whose vectors the index holds
	 * @param rrfK the reciprocal rank fusion constant of a hybrid request that describes no fusion: the query pipeline's
	 * {@code ragwell.query.rrf-k} (validated there), read by name so the store does not import the pipeline
	 * @return the store
	 */
	@Bean(destroyMethod = "close")
	public LuceneVectorStore luceneVectorStore(StoreProperties properties, Embedder embedder,
			@Value("${ragwell.query.rrf-k:" + ReciprocalRankFusion.DEFAULT_K + "}") int rrfK) {
		StoreProperties.Bm25 bm25 = properties.lucene().bm25();
		return new LuceneVectorStore(properties.lucene().path(), embedder.dimensions(), embedder.modelName(),
				rrfK, properties.lucene().vectorEncoding(), (float) bm25.k1(), (float) bm25.b());
	}

}
