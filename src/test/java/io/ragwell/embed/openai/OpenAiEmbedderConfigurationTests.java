package io.ragwell.embed.openai;

import io.ragwell.core.Embedder;
import io.ragwell.embed.EmbeddingProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiEmbedderConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(OpenAiEmbedderConfiguration.class, Properties.class);

	@Test
	void noEmbedderFromHereUnlessTheOpenAiProviderIsChosen() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(Embedder.class));
		this.runner.withPropertyValues("ragwell.embedding.provider=onnx")
			.run((context) -> assertThat(context).doesNotHaveBean(Embedder.class));
	}

	@Test
	void bindsTheOpenAiPropertiesForAKeylessOllamaServer() {
		this.runner
			.withPropertyValues("ragwell.embedding.provider=openai",
					"ragwell.embedding.openai.base-url=http://localhost:11434/v1",
					"ragwell.embedding.openai.model=all-minilm", "ragwell.embedding.openai.dimensions=384",
					"ragwell.embedding.openai.max-input-tokens=256")
			.run((context) -> {
				assertThat(context).hasSingleBean(OpenAiEmbedder.class);
				Embedder embedder = context.getBean(Embedder.class);
				assertThat(embedder.modelName()).isEqualTo("all-minilm");
				assertThat(embedder.dimensions()).isEqualTo(384);
				assertThat(embedder.maxInputTokens()).isEqualTo(256);
			});
	}

	@Test
	void defaultsToOpenAisSmallModelAndFailsWithoutAKeyForApiOpenAiCom() {
		this.runner.withPropertyValues("ragwell.embedding.provider=openai").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("ragwell.embedding.openai.api-key")
				.hasMessageContaining("api.openai.com");
		});
		this.runner.withPropertyValues("ragwell.embedding.provider=openai", "ragwell.embedding.openai.api-key=sk-x")
			.run((context) -> {
				Embedder embedder = context.getBean(Embedder.class);
				assertThat(embedder.modelName()).isEqualTo("text-embedding-3-small");
				assertThat(embedder.dimensions()).isEqualTo(1536);
				assertThat(context.getBean(OpenAiEmbeddingProperties.class).toString()).doesNotContain("sk-x");
			});
	}

	@Test
	void rejectsABatchLargerThanOpenAiAccepts() {
		this.runner
			.withPropertyValues("ragwell.embedding.provider=openai", "ragwell.embedding.openai.api-key=sk-x",
					"ragwell.embedding.openai.max-batch-items=4096")
			.run((context) -> assertThat(context).hasFailed());
	}

	@EnableConfigurationProperties(EmbeddingProperties.class)
	static class Properties {

	}

}
