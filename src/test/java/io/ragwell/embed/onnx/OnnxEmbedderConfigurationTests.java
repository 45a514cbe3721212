package io.ragwell.embed.onnx;

import io.ragwell.core.Embedder;
import io.ragwell.embed.EmbeddingProperties;
import io.ragwell.ingest.chunk.Chunker;
import io.ragwell.ingest.chunk.ChunkingConfiguration;
import io.ragwell.ingest.chunk.ChunkingProperties;
import io.ragwell.ingest.chunk.TokenAwareChunker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxEmbedderConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, OnnxEmbedderConfiguration.class, ChunkingConfiguration.class);

	@Test
	void defaultsToBgeSmallAndAChunkerSizedToIt() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Embedder.class).modelName()).isEqualTo("bge-small-en-v1.5-q");
			TokenAwareChunker chunker = (TokenAwareChunker) context.getBean(Chunker.class);
			assertThat(chunker.maxTokens()).isEqualTo(510);
			assertThat(chunker.overlapTokens()).isEqualTo(32);
		});
	}

	@Test
	void unknownModelFailsStartupListingTheValidOnes() {
		this.runner.withPropertyValues("ragwell.embedding.model=e5-large").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("e5-large")
				.hasMessageContaining("all-minilm-l6-v2-q, bge-small-en-v1.5-q");
		});
	}

	@Test
	void overlapNotSmallerThanTheChunkSizeFailsStartup() {
		this.runner.withPropertyValues("ragwell.chunking.max-tokens=40", "ragwell.chunking.overlap-tokens=40")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("ragwell.chunking.overlap-tokens (40)");
			});
	}

	@Test
	void anotherProviderLeavesTheOnnxEmbedderOut() {
		new ApplicationContextRunner().withUserConfiguration(Properties.class, OnnxEmbedderConfiguration.class)
			.withPropertyValues("ragwell.embedding.provider=openai")
			.run((context) -> assertThat(context).doesNotHaveBean(OnnxEmbedder.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ EmbeddingProperties.class, ChunkingProperties.class })
	static class Properties {

	}

}
