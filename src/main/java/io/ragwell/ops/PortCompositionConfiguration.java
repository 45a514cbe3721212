package io.ragwell.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.ImageCaptioner;
import io.ragwell.core.LlmClient;
import io.ragwell.core.Reranker;
import io.ragwell.core.Tokenizer;
import io.ragwell.core.VectorStore;
import io.ragwell.embed.EmbeddingProperties;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.llm.vision.OpenAiVisionCaptioner;
import io.ragwell.ops.metrics.MeteredEmbedder;
import io.ragwell.ops.metrics.MeteredLlmClient;
import io.ragwell.ops.metrics.MeteredReranker;
import io.ragwell.ops.metrics.MeteredVectorStore;
import io.ragwell.ops.resilience.PortResilience;
import io.ragwell.query.cache.CacheProperties;
import io.ragwell.query.cache.QueryEmbeddingCache;
import io.ragwell.query.generate.GenerationConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

/**
 * The one place where every port is assembled: {@code metered(resilient(adapter))} for the embedder (with the
 * query-embedding cache outermost), the vector store, the LLM and the reranker. Metrics sit outside resilience, so timers measure whole calls, retries
 * included; resilience applies only to adapters that call a remote dependency ({@code core.Remote}), in-process
 * adapters are metered as they are.
 * <p>
 * The pattern: each adapter stays an ordinary bean of its concrete type, declared by its own configuration
 * ({@code @ConditionalOnProperty} picks one per port), and this configuration declares, per port, a
 * {@code @Primary} bean of the port type that takes the adapter as a parameter of that same port type. Spring
 * excludes a bean from its own injection points, so that parameter resolves to the one adapter; every other
 * injection point of the port type sees two candidates and takes the {@code @Primary} composed bean. Adapters
 * therefore carry no qualifier and know nothing of metrics or resilience, and an adapter that needs another port
 * (a store needs the embedder's dimensions, MMR needs the store) gets the composed one. The adapter bean keeps its
 * own destroy method; the composed beans declare none, so an adapter is closed once.
 */
// The query-embedding cache's bounds are needed wherever the ports are composed, test slices included.
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
public class PortCompositionConfiguration {

	/**
	 * @param adapter the embedder chosen by {@code ragwell.embedding.provider}
	 * @param resilience the policies for remote adapters
	 * @param registry where the timers go
	 * @param cache the query-embedding cache's bounds
	 * @return the embedder every other bean uses: {@code cached(metered(resilient(adapter)))}, where only query
	 * embeddings are cached, so retrieval and the extractive answerer share one model call per question and the
	 * timers count the model calls actually made
	 */
	@Bean(destroyMethod = "")
	@Primary
	public Embedder embedder(Embedder adapter, PortResilience resilience, MeterRegistry registry,
			CacheProperties cache) {
		return new QueryEmbeddingCache(new MeteredEmbedder(resilience.embedder(adapter), registry), cache, registry);
	}

	/**
	 * @param adapter the store chosen by {@code ragwell.store.type}
	 * @param resilience the policies for remote adapters
	 * @param registry where the timers go
	 * @return the vector store every other bean uses
	 */
	@Bean(destroyMethod = "")
	@Primary
	public VectorStore vectorStore(VectorStore adapter, PortResilience resilience, MeterRegistry registry) {
		return new MeteredVectorStore(resilience.vectorStore(adapter), registry);
	}

	/**
	 * @param adapter the LLM chosen by {@code ragwell.llm.provider}
	 * @param resilience the policies for remote adapters
	 * @param registry where the timers go
	 * @return the LLM client every other bean uses
	 */
	@Bean(destroyMethod = "")
	@Primary
	public LlmClient llmClient(LlmClient adapter, PortResilience resilience, MeterRegistry registry) {
		return new MeteredLlmClient(resilience.llmClient(adapter), registry);
	}

	/**
	 * @param adapter the reranker chosen by {@code ragwell.rerank.type}
	 * @param resilience the policies for remote adapters
	 * @param registry where the timers go
	 * @return the reranker every other bean uses
	 */
	@Bean(destroyMethod = "")
	@Primary
	public Reranker reranker(Reranker adapter, PortResilience resilience, MeterRegistry registry) {
		return new MeteredReranker(resilience.reranker(adapter), registry);
	}

	/**
	 * @param adapter the captioner {@code ragwell.vision.base-url} configures, if any
	 * @param resilience the policies for remote adapters
	 * @return the captioner ingestion uses: none when no vision model is configured
	 */
	@Bean(destroyMethod = "")
	@Primary
	public ImageCaptioner imageCaptioner(ObjectProvider<OpenAiVisionCaptioner> adapter, PortResilience resilience) {
		OpenAiVisionCaptioner configured = adapter.getIfAvailable();
		return (configured != null) ? resilience.imageCaptioner(configured) : ImageCaptioner.NONE;
	}

	/**
	 * The extractive answerer that stands in for a failed LLM (the query pipeline's generator takes it by name):
	 * metered like the primary ({@code rag.llm}, {@code rag.tokens}, {@code rag.errors} with
	 * {@code provider=extractive}), never made resilient since it calls nothing remote. Not a default candidate,
	 * so an injected {@code LlmClient} is still the configured one; lazy, so with the extractive answerer
	 * configured (nothing to fall back to) no second sentence cache is built.
	 * @param embedder the composed embedder
	 * @param tokenizer the embedding model's tokenizer
	 * @param properties the answerer's settings
	 * @param embedding whether chunks carry sentence vectors the answerer scores instead of embedding
	 * @param registry where the timers go
	 * @return the metered fallback answerer
	 */
	@Bean(name = GenerationConfiguration.FALLBACK, defaultCandidate = false, destroyMethod = "")
	@Lazy
	public LlmClient fallbackLlmClient(Embedder embedder, Tokenizer tokenizer, LlmProperties properties,
			EmbeddingProperties embedding, MeterRegistry registry) {
		return new MeteredLlmClient(
				new ExtractiveLlmClient(embedder, tokenizer, properties.maxSentences(), properties.sentenceCacheSize(),
						properties.minRelevance(), properties.embedCandidates(), properties.maxGap(),
				properties.selection(), embedding.sentenceVectors()),
				registry);
	}

}
