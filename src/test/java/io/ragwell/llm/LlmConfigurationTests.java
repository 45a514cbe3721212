package io.ragwell.llm;

import io.ragwell.core.Embedder;
import io.ragwell.core.LlmClient;
import io.ragwell.core.Tokenizer;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.llm.openai.OpenAiLlmClient;
import io.ragwell.support.FakeEmbedder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LlmConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(LlmConfiguration.class)
		.withBean(Embedder.class, () -> FakeEmbedder.constant("fixed", new float[] { 1f }))
		.withBean(Tokenizer.class, () -> FakeEmbedder.WORDS);

	@Test
	void usesTheExtractiveAnswererWhenNoProviderIsSet() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LlmClient.class);
			LlmClient client = context.getBean(LlmClient.class);
			assertThat(client).isInstanceOf(ExtractiveLlmClient.class);
			assertThat(client.model()).isEqualTo("fixed");
		});
	}

	@Test
	void usesTheOpenAiClientForAKeylessLocalServer() {
		this.runner
			.withPropertyValues("ragwell.llm.provider=openai", "ragwell.llm.base-url=http://localhost:11434/v1",
					"ragwell.llm.model=llama3.2")
			.run((context) -> {
				assertThat(context).hasSingleBean(LlmClient.class);
				assertThat(context.getBean(LlmClient.class)).isInstanceOf(OpenAiLlmClient.class);
				assertThat(context.getBean(LlmClient.class).model()).isEqualTo("llama3.2");
			});
	}

	@Test
	void failsAtStartupWithoutAKeyForApiOpenAiCom() {
		this.runner.withPropertyValues("ragwell.llm.provider=openai").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("ragwell.llm.api-key")
				.hasMessageContaining("api.openai.com");
		});
	}

	@Test
	void startsForApiOpenAiComWhenAKeyIsSet() {
		this.runner.withPropertyValues("ragwell.llm.provider=openai", "ragwell.llm.api-key=sk-test")
			.run((context) -> assertThat(context).hasSingleBean(OpenAiLlmClient.class));
	}

	@Test
	void failsAtStartupOnAnUnknownProvider() {
		this.runner.withPropertyValues("ragwell.llm.provider=ollama").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ragwell.llm.provider");
		});
	}

}
