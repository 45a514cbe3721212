package io.ragwell.llm;

import java.util.Set;

import io.ragwell.core.Embedder;
import io.ragwell.core.Tokenizer;
import io.ragwell.embed.EmbeddingProperties;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.llm.openai.LlmProperties;
import io.ragwell.llm.openai.OpenAiLlmClient;
import okhttp3.HttpUrl;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link LlmClient} from {@code ragwell.llm.provider}: the offline extractive answerer unless
 * {@code openai} is asked for.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ LlmProperties.class, EmbeddingProperties.class })
public class LlmConfiguration {

	private static final Set<String> PROVIDERS = Set.of("extractive", "openai");

	/** Fails fast on a misspelt provider, which would otherwise surface as a missing {@code LlmClient} bean. */
	public LlmConfiguration(LlmProperties properties) {
		if (!PROVIDERS.contains(properties.provider())) {
			throw new IllegalStateException("ragwell.llm.provider must be one of " + PROVIDERS + " but was '"
					+ properties.provider() + "' (use 'openai' for Ollama, vLLM and other OpenAI-compatible servers)");
		}
	}

	@Bean
	@ConditionalOnProperty(name = "ragwell.llm.provider", havingValue = "extractive", matchIfMissing = true)
	ExtractiveLlmClient extractiveLlmClient(Embedder embedder, Tokenizer tokenizer, LlmProperties properties,
			EmbeddingProperties embedding) {
		return new ExtractiveLlmClient(embedder, tokenizer, properties.maxSentences(), properties.sentenceCacheSize(),
				properties.minRelevance(), properties.embedCandidates(), properties.maxGap(),
				properties.selection(), embedding.sentenceVectors());
	}

	/** Closed on shutdown through {@link OpenAiLlmClient#close()}, which Spring infers. */
	@Bean
	@ConditionalOnProperty(name = "ragwell.llm.provider", havingValue = "openai")
	OpenAiLlmClient openAiLlmClient(LlmProperties properties) {
		requireApiKeyForOpenAi(properties);
		return new OpenAiLlmClient(properties);
	}

	/**
	 * OpenAI itself rejects every keyless call, so a missing key is a startup error there; self-hosted
	 * servers (Ollama, vLLM, llama.cpp) usually need none.
	 */
	static void requireApiKeyForOpenAi(LlmProperties properties) {
		HttpUrl url = HttpUrl.parse(properties.baseUrl().strip());
		boolean openAi = url != null && url.host().equalsIgnoreCase("api.openai.com");
		String key = properties.apiKey();
		if (openAi && (key == null || key.isBlank())) {
			throw new IllegalStateException("ragwell.llm.api-key (env RAGWELL_LLM_APIKEY) is required when "
					+ "ragwell.llm.base-url is " + properties.baseUrl()
					+ "; set it, or point ragwell.llm.base-url at a server that needs no key, "
					+ "or use ragwell.llm.provider=extractive");
		}
	}

}
