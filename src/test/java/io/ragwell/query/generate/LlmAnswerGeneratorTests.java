package io.ragwell.query.generate;

import java.util.List;
import java.util.Map;

import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.llm.FallbackLlmClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LlmAnswerGeneratorTests {

	private static final LlmRequest REQUEST = new LlmRequest("why?", List.of(), "");

	@Test
	void behindTheFallbackDecoratorAFailedLlmGivesADegradedGenerationWithTheWarning() {
		Generation generation = new LlmAnswerGenerator(
				new FallbackLlmClient(llm("openai", null), llm("extractive", "extracted [1]")))
			.generate(REQUEST);

		assertThat(generation.answer().text()).isEqualTo("extracted [1]");
		assertThat(generation.provider()).isEqualTo("extractive");
		assertThat(generation.degraded()).isTrue();
		assertThat(generation.warnings()).containsExactly(FallbackLlmClient.DEGRADED_WARNING);
	}

	@Test
	void aPlainClientsAnswerIsNeverDegraded() {
		Generation generation = new LlmAnswerGenerator(llm("extractive", "extracted [1]")).generate(REQUEST);

		assertThat(generation.provider()).isEqualTo("extractive");
		assertThat(generation.degraded()).isFalse();
		assertThat(generation.warnings()).isEmpty();
		assertThat(generation.answer().totalTokens()).isEqualTo(3);
	}

	@Test
	void aPlainClientsFailureFailsTheRequest() {
		assertThatIllegalStateException().isThrownBy(() -> new LlmAnswerGenerator(llm("extractive", null)).generate(REQUEST));
	}

	/** Answers {@code text}, or fails when it is null. */
	private static LlmClient llm(String provider, String text) {
		return new LlmClient() {
			@Override
			public LlmAnswer generate(LlmRequest request) {
				if (text == null) {
					throw new IllegalStateException(provider + " down");
				}
				return new LlmAnswer(text, 2, 1);
			}

			@Override
			public String provider() {
				return provider;
			}

			@Override
			public String model() {
				return "m";
			}

			@Override
			public Health healthCheck() {
				return Health.up(Map.of());
			}
		};
	}

}
