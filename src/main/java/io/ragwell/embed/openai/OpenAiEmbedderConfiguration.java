package io.ragwell.embed.openai;

import io.ragwell.core.Tokenizer;
import okhttp3.HttpUrl;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAI-compatible embedder, when {@code ragwell.embedding.provider=openai}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.embedding.provider", havingValue = "openai")
@EnableConfigurationProperties(OpenAiEmbeddingProperties.class)
public class OpenAiEmbedderConfiguration {

	/** Closed on shutdown through {@link OpenAiEmbedder#close()}, which Spring infers. */
	@Bean
	OpenAiEmbedder openAiEmbedder(OpenAiEmbeddingProperties properties) {
		requireApiKeyForOpenAi(properties);
		return new OpenAiEmbedder(properties);
	}

	/** The provider's tokenizer is not available offline: the same estimate the embedder batches by. */
	@Bean
	Tokenizer openAiTokenizer() {
		return TokenEstimate::count;
	}

	/**
	 * OpenAI itself rejects every keyless call, so a missing key is a startup error there; self-hosted
	 * servers (Ollama, vLLM) usually need none.
	 */
	static void requireApiKeyForOpenAi(OpenAiEmbeddingProperties properties) {
		HttpUrl url = HttpUrl.parse(properties.baseUrl().strip());
		boolean openAi = url != null && url.host().equalsIgnoreCase("api.openai.com");
		String key = properties.apiKey();
		if (openAi && (key == null || key.isBlank())) {
			throw new IllegalStateException("ragwell.embedding.openai.api-key (env RAGWELL_EMBEDDING_OPENAI_APIKEY) "
					+ "is required when ragwell.embedding.openai.base-url is " + properties.baseUrl()
					+ "; set it, point the base URL at a server that needs no key, "
					+ "or use ragwell.embedding.provider=onnx");
		}
	}

}
