package io.ragwell.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.RemoteCallException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FallbackLlmClientTests {

	private static final LlmRequest REQUEST = new LlmRequest("why?", List.of(), "");

	@Test
	void whenThePrimaryAnswersTheAnswerIsItsOwnAndNotDegraded() {
		Scripted fallback = new Scripted("extractive", false);
		FallbackLlmClient.Answered answered = new FallbackLlmClient(new Scripted("openai", false), fallback)
			.answer(REQUEST);

		assertThat(answered.answer().text()).isEqualTo("openai says");
		assertThat(answered.provider()).isEqualTo("openai");
		assertThat(answered.degraded()).isFalse();
		assertThat(answered.warnings()).isEmpty();
		assertThat(fallback.calls).isEmpty();
	}

	@Test
	void whenThePrimaryFailsTheFallbackAnswersMarkedDegradedWithTheWarning() {
		FallbackLlmClient client = new FallbackLlmClient(new Scripted("openai", true), new Scripted("extractive", false));

		FallbackLlmClient.Answered answered = client.answer(REQUEST);

		assertThat(answered.answer().text()).isEqualTo("extractive says");
		assertThat(answered.provider()).isEqualTo("extractive");
		assertThat(answered.degraded()).isTrue();
		assertThat(answered.warnings()).containsExactly(FallbackLlmClient.DEGRADED_WARNING);
		assertThat(client.generate(REQUEST).text()).isEqualTo("extractive says");
	}

	@Test
	void whenTheFallbackFailsTooItsFailureIsThrown() {
		FallbackLlmClient client = new FallbackLlmClient(new Scripted("openai", true), new Scripted("extractive", true));

		assertThatExceptionOfType(RemoteCallException.class).isThrownBy(() -> client.answer(REQUEST));
	}

	@Test
	void completionsDoNotFallBackSoExpansionSeesTheFailure() {
		Scripted fallback = new Scripted("extractive", false);
		FallbackLlmClient client = new FallbackLlmClient(new Scripted("openai", true), fallback);

		assertThatExceptionOfType(RemoteCallException.class).isThrownBy(() -> client.complete("rephrase"));
		assertThat(fallback.calls).isEmpty();
		assertThat(client.provider()).isEqualTo("openai");
	}

	/** Answers "{provider} says", or fails with a retryable remote error. */
	private static final class Scripted implements LlmClient {

		final List<String> calls = new ArrayList<>();

		private final String provider;

		private final boolean failing;

		Scripted(String provider, boolean failing) {
			this.provider = provider;
			this.failing = failing;
		}

		@Override
		public LlmAnswer generate(LlmRequest request) {
			return call("generate");
		}

		@Override
		public LlmAnswer complete(String prompt) {
			return call("complete");
		}

		private LlmAnswer call(String method) {
			this.calls.add(method);
			if (this.failing) {
				throw new RemoteCallException("llm", "down", 503, true, null, null, null);
			}
			return new LlmAnswer(this.provider + " says", 2, 1);
		}

		@Override
		public String provider() {
			return this.provider;
		}

		@Override
		public String model() {
			return "m";
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

}
