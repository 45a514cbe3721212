package io.ragwell.query.rerank;

import java.util.Objects;
import java.util.Set;

import io.ragwell.core.Embedder;
import io.ragwell.core.VectorStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the {@link Reranker} from {@code ragwell.rerank.type}; none unless one is asked for. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RerankProperties.class)
public class RerankConfiguration {

	private static final Set<String> TYPES = Set.of("none", "mmr", "tei", "cohere", "jina");

	private static final Set<String> REMOTE = Set.of("tei", "cohere", "jina");

	/** Fails fast on a misspelt type or a remote reranker without a URL or model. */
	public RerankConfiguration(RerankProperties properties) {
		if (!TYPES.contains(properties.type())) {
			throw new IllegalStateException("ragwell.rerank.type must be one of " + TYPES + " but was '"
					+ properties.type() + "'");
		}
		if (REMOTE.contains(properties.type()) && (properties.url() == null || properties.url().isBlank())) {
			throw new IllegalStateException("ragwell.rerank.url is required when ragwell.rerank.type is "
					+ properties.type() + " (e.g. http://localhost:8080 for TEI, https://api.cohere.com, https://api.jina.ai)");
		}
		if (("cohere".equals(properties.type()) || "jina".equals(properties.type()))
				&& (properties.model() == null || properties.model().isBlank())) {
			throw new IllegalStateException("ragwell.rerank.model is required when ragwell.rerank.type is "
					+ properties.type() + " (e.g. rerank-v3.5, jina-reranker-v2-base-multilingual)");
		}
	}

	@Bean
	@ConditionalOnProperty(name = "ragwell.rerank.type", havingValue = "none", matchIfMissing = true)
	NoReranker noReranker() {
		return new NoReranker();
	}

	@Bean
	@ConditionalOnProperty(name = "ragwell.rerank.type", havingValue = "mmr")
	MmrReranker mmrReranker(VectorStore store, Embedder embedder, RerankProperties properties) {
		return new MmrReranker(store, embedder, properties.lambda());
	}

	/** Closed on shutdown through {@link HttpReranker#close()}, which Spring infers. */
	@Bean
	@ConditionalOnProperty(name = "ragwell.rerank.type", havingValue = "tei")
	TeiReranker teiReranker(RerankProperties properties) {
		return new TeiReranker(Objects.requireNonNull(properties.url(), "ragwell.rerank.url"), properties.apiKey(), properties.timeout());
	}

	@Bean
	@ConditionalOnProperty(name = "ragwell.rerank.type", havingValue = "cohere")
	CohereReranker cohereReranker(RerankProperties properties) {
		return new CohereReranker(Objects.requireNonNull(properties.url(), "ragwell.rerank.url"), properties.apiKey(), Objects.requireNonNull(properties.model(), "ragwell.rerank.model"),
				properties.timeout());
	}

	@Bean
	@ConditionalOnProperty(name = "ragwell.rerank.type", havingValue = "jina")
	JinaReranker jinaReranker(RerankProperties properties) {
		return new JinaReranker(Objects.requireNonNull(properties.url(), "ragwell.rerank.url"), properties.apiKey(), Objects.requireNonNull(properties.model(), "ragwell.rerank.model"),
				properties.timeout());
	}

}
