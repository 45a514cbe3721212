package io.ragwell.embed.onnx;

import io.ragwell.core.Tokenizer;
import io.ragwell.embed.EmbeddingProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-process embedder, unless another {@code ragwell.embedding.provider} is chosen. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.embedding.provider", havingValue = "onnx", matchIfMissing = true)
public class OnnxEmbedderConfiguration {

	/** Fails startup on an unknown {@code ragwell.embedding.model}; closed with the context. */
	@Bean(destroyMethod = "close")
	OnnxEmbedder onnxEmbedder(EmbeddingProperties properties) {
		int threads = properties.effectiveThreads();
		return new OnnxEmbedder(OnnxModel.fromId(properties.model()), properties.batchSize(), threads,
				Math.max(1, Runtime.getRuntime().availableProcessors() / threads), properties.maxQueuedTexts(),
				properties.queueTimeout(), properties.cpuArena(), properties.callerRuns());
	}

	/** The model's own WordPiece, so chunks and the context budget count what the model reads. */
	@Bean
	Tokenizer onnxTokenizer(OnnxEmbedder embedder) {
		return embedder.tokenizer();
	}

}
