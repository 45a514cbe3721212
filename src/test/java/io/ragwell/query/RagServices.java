package io.ragwell.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.LlmClient;
import io.ragwell.core.Reranker;
import io.ragwell.llm.FallbackLlmClient;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.query.cache.QueryEmbeddingCache;
import io.ragwell.query.cache.ResponseCache;
import io.ragwell.query.context.TokenBudgetContextAssembler;
import io.ragwell.query.expand.Expansion;
import io.ragwell.query.expand.QueryExpander;
import io.ragwell.query.generate.LlmAnswerGenerator;
import io.ragwell.query.plan.DefaultQueryPlanner;
import io.ragwell.query.plan.LimitsProperties;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.rerank.NoReranker;
import io.ragwell.query.rerank.NoReranking;
import io.ragwell.query.rerank.RerankProperties;
import io.ragwell.query.rerank.RerankerReranking;
import io.ragwell.query.retrieve.FusingRetriever;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.query.retrieve.QueryVectors;
import io.ragwell.support.FakeEmbedder;

/**
 * A {@link RagService} with the default stages, assembled from ports and properties the way the application
 * context assembles it (less the port decorators).
 */
final class RagServices {

	private RagServices() {
	}

	static RagService assemble(Embedder embedder, HybridRetriever retriever, LlmClient llm, QueryProperties properties,
			LlmProperties llmProperties, LimitsProperties limits, ResponseCache cache, MeterRegistry registry,
			Reranker reranker, RerankProperties rerankProperties) {
		// As the composition builds it: one query-embedding cache in front of the model for every stage.
		Embedder cached = new QueryEmbeddingCache(embedder, cache.properties(), registry);
		QueryVectors vectors = new QueryVectors(cached);
		LlmClient answerer = "extractive".equals(llm.provider()) ? llm : new FallbackLlmClient(llm,
				new ExtractiveLlmClient(cached, FakeEmbedder.WORDS, llmProperties.maxSentences(),
						llmProperties.sentenceCacheSize(), llmProperties.minRelevance(), llmProperties.embedCandidates(),
						llmProperties.maxGap()));
		return new RagService(new DefaultQueryPlanner(properties, limits, retriever.defaults()), vectors,
				QueryExpander.configured(Expansion.parse(properties.expansion()), properties.expansionQueries(), llm,
						vectors),
				new FusingRetriever(retriever),
				(reranker instanceof NoReranker) ? new NoReranking()
						: new RerankerReranking(reranker, rerankProperties.candidates(), registry),
				new TokenBudgetContextAssembler(properties.contextMaxTokens(), FakeEmbedder.WORDS::countTokens),
				new LlmAnswerGenerator(answerer), cache, registry, io.ragwell.query.log.QueryLog.NONE);
	}

}
