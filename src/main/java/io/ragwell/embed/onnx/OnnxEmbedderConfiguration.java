package io.ragwell.embed.onnx;

import io.ragwell.core.Tokenizer;
import io.ragwell.embed.EmbeddingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-process embedder, unless another {@code ragwell.embedding.provider} is chosen. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ragwell.embedding.provider", havingValue = "onnx", matchIfMissing = true)
public class OnnxEmbedderConfiguration {

	private static final Logger log = LoggerFactory.getLogger(OnnxEmbedderConfiguration.class);

	/** Fails startup on an unknown {@code ragwell.embedding.model}; closed with the context. */
	@Bean(destroyMethod = "close")
	OnnxEmbedder onnxEmbedder(EmbeddingProperties properties) {
		OnnxModel model = OnnxModel.fromId(properties.model());
		if (properties.sentenceVectors() && model.pooling() == Pooling.CLS) {
			// Measured on SciFact (docs/EVALUATION.md): span means of a [CLS]-pooled model's token states lose
			// 14 to 17 points of evidence_hit against sentences embedded alone; a mean-pooled model's do not.
			log.warn("ragwell.embedding.sentence-vectors is on with {}, a [CLS]-pooled model: the extractive "
					+ "answerer's sentence choice gets worse (docs/EVALUATION.md, 'Sentence vectors pooled at "
					+ "ingestion'); all-minilm-l6-v2-q is the model it was measured to hold with", model.id());
		}
		int threads = properties.effectiveThreads();
		return new OnnxEmbedder(model, properties.batchSize(), threads,
				Math.max(1, Runtime.getRuntime().availableProcessors() / threads), properties.maxQueuedTexts(),
				properties.queueTimeout(), properties.cpuArena(), properties.callerRuns());
	}

	/** The model's own WordPiece, so chunks and the context budget count what the model reads. */
	@Bean
	Tokenizer onnxTokenizer(OnnxEmbedder embedder) {
		return embedder.tokenizer();
	}

}
