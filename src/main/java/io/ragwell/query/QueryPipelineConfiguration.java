package io.ragwell.query;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.LlmClient;
import io.ragwell.core.Reranker;
import io.ragwell.core.SettingsStore;
import io.ragwell.core.Tokenizer;
import io.ragwell.query.context.ContextAssembler;
import io.ragwell.query.context.TokenBudgetContextAssembler;
import io.ragwell.query.expand.Expansion;
import io.ragwell.query.expand.QueryExpander;
import io.ragwell.query.plan.DefaultQueryPlanner;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.query.plan.QueryPlanner;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.rerank.NoReranking;
import io.ragwell.query.rerank.RerankProperties;
import io.ragwell.query.rerank.RerankerReranking;
import io.ragwell.query.rerank.Reranking;
import io.ragwell.query.retrieve.FusingRetriever;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.query.retrieve.QueryVectors;
import io.ragwell.query.retrieve.Retriever;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query pipeline's stages, each the default for its interface. The
 * answer generator, with its fallback, is in {@code generate.GenerationConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class QueryPipelineConfiguration {

	/**
	 * Each namespace's tuned retrieval settings, read through a cache.
	 * @param store where they are kept (beside the namespace's data)
	 * @param ttl how long a replica reuses a read: another replica's tuning reaches it within this
	 */
	@Bean
	TunedSettings tunedSettings(SettingsStore store, @Value("${ragwell.tuning.settings-ttl:5s}") Duration ttl) {
		return new TunedSettings(store, ttl);
	}

	@Bean
	@ConditionalOnMissingBean
	QueryPlanner queryPlanner(QueryProperties properties, LimitsProperties limits, HybridRetriever retriever,
			TunedSettings tuned) {
		return new DefaultQueryPlanner(properties, limits, retriever.defaults(), tuned);
	}

	@Bean
	QueryVectors queryVectors(Embedder embedder) {
		return new QueryVectors(embedder);
	}

	/** {@code ragwell.query.expansion}: none, multi-query or hyde. */
	@Bean
	@ConditionalOnMissingBean
	QueryExpander queryExpander(QueryProperties properties, LlmClient llm, QueryVectors vectors) {
		return QueryExpander.configured(Expansion.parse(properties.expansion()), properties.expansionQueries(), llm,
				vectors);
	}

	@Bean
	@ConditionalOnMissingBean
	Retriever retriever(HybridRetriever retriever) {
		return new FusingRetriever(retriever);
	}

	/** The null object for {@code ragwell.rerank.type=none}: nothing downstream asks the reranker's name. */
	@Bean
	@ConditionalOnProperty(name = "ragwell.rerank.type", havingValue = "none", matchIfMissing = true)
	Reranking noReranking() {
		return new NoReranking();
	}

	@Bean
	@ConditionalOnMissingBean
	Reranking reranking(Reranker reranker, RerankProperties properties, MeterRegistry registry) {
		return new RerankerReranking(reranker, properties.candidates(), registry);
	}

	@Bean
	@ConditionalOnMissingBean
	ContextAssembler contextAssembler(QueryProperties properties, Tokenizer tokenizer) {
		return new TokenBudgetContextAssembler(properties.contextMaxTokens(), tokenizer::countTokens);
	}

}
