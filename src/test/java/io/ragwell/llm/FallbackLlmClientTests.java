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

	@Test
	void aStreamThatFailsBeforeItsFirstTokenFallsBackAndStreamsTheFallbacksText() {
		Scripted fallback = new Scripted("extractive", false);
		FallbackLlmClient client = new FallbackLlmClient(new Scripted("openai", true), fallback);
		List<String> deltas = new ArrayList<>();

		FallbackLlmClient.Answered answered = client.answerStreaming(REQUEST, deltas::add);

		assertThat(deltas).containsExactly("extractive says");
		assertThat(answered.provider()).isEqualTo("extractive");
		assertThat(answered.warnings()).containsExactly(FallbackLlmClient.DEGRADED_WARNING);
		assertThat(fallback.calls).containsExactly("stream");
	}

	@Test
	void aStreamThatFailsAfterItsFirstTokenIsNotReplaced() {
		Scripted fallback = new Scripted("extractive", false);
		Scripted primary = new Scripted("openai", true);
		primary.emitBeforeFailing = "Partial";
		FallbackLlmClient client = new FallbackLlmClient(primary, fallback);
		List<String> deltas = new ArrayList<>();

		assertThatExceptionOfType(RemoteCallException.class).isThrownBy(() -> client.answerStreaming(REQUEST, deltas::add));
		assertThat(deltas).containsExactly("Partial");
		assertThat(fallback.calls).isEmpty();
	}

	@Test
	void aCancelledStreamIsNotReplaced() throws InterruptedException {
		Scripted fallback = new Scripted("extractive", false);
		FallbackLlmClient client = new FallbackLlmClient(new Scripted("openai", true), fallback);
		Throwable[] thrown = new Throwable[1];

		// The caller cancels by interrupting; the primary's failure then is the cancellation, not an outage.
		Thread caller = Thread.ofVirtual().unstarted(() -> {
			Thread.currentThread().interrupt();
			try {
				client.answerStreaming(REQUEST, (delta) -> {
				});
			}
			catch (RuntimeException ex) {
				thrown[0] = ex;
			}
		});
		caller.start();
		caller.join();

		assertThat(thrown[0]).isInstanceOf(RemoteCallException.class);
		assertThat(fallback.calls).isEmpty();
	}

	@Test
	void aStreamThePrimaryCompletesIsItsOwn() {
		Scripted fallback = new Scripted("extractive", false);
		FallbackLlmClient client = new FallbackLlmClient(new Scripted("openai", false), fallback);
		List<String> deltas = new ArrayList<>();

		LlmAnswer answer = client.stream(REQUEST, deltas::add);

		assertThat(answer.text()).isEqualTo("openai says");
		assertThat(deltas).containsExactly("openai says");
		assertThat(fallback.calls).isEmpty();
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

		/** Text a failing stream emits before it fails; null for none. */
		String emitBeforeFailing;

		@Override
		public LlmAnswer stream(LlmRequest request, java.util.function.Consumer<String> onDelta) {
			if (this.failing && this.emitBeforeFailing != null) {
				onDelta.accept(this.emitBeforeFailing);
			}
			LlmAnswer answer = call("stream");
			onDelta.accept(answer.text());
			return answer;
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
