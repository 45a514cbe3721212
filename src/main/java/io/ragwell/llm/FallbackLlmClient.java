package io.ragwell.llm;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.ragwell.core.ForwardingLlmClient;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with a fallback client when the primary fails to generate, so a question still gets an answer (marked
 * degraded) while the LLM is down. It wraps the primary as the application composes it, resilience included: the
 * fallback answers only once retries are spent or the circuit breaker is open.
 * <p>
 * {@link #generate} falls back, and so does {@link #stream} as long as the primary has not emitted any text:
 * after partial output a second answerer would repeat or contradict it, so a failure then is the caller's. A
 * stream cancelled by its caller (the thread interrupted: the client hung up) never falls back. {@link #complete}
 * serves query expansion, whose callers handle a failure themselves (an extractive "paraphrase" would be
 * nonsense).
 */
public final class FallbackLlmClient extends ForwardingLlmClient {

	private static final Logger log = LoggerFactory.getLogger(FallbackLlmClient.class);

	public static final String DEGRADED_WARNING = "The language model is unavailable; this answer was extracted"
			+ " from the sources instead.";

	private final LlmClient fallback;

	/**
	 * @param primary the configured answerer
	 * @param fallback answers when the primary fails; one that cannot fail the same way (the extractive answerer
	 * needs nothing but the embedder)
	 */
	public FallbackLlmClient(LlmClient primary, LlmClient fallback) {
		super(primary);
		this.fallback = Objects.requireNonNull(fallback, "fallback");
	}

	/** The client that answers when the primary fails. */
	public LlmClient fallback() {
		return this.fallback;
	}

	@Override
	public LlmAnswer generate(LlmRequest request) {
		return answer(request).answer();
	}

	/**
	 * Generates with the primary, or with the fallback when the primary fails.
	 * @param request the question and its context
	 * @return the answer, who wrote it, and whether (and why) it is degraded
	 * @throws RuntimeException when the fallback fails too
	 */
	public Answered answer(LlmRequest request) {
		try {
			return new Answered(delegate().generate(request), delegate().provider(), List.of());
		}
		catch (RuntimeException ex) {
			log.warn("llm failed, answering extractively provider={} cause={}", delegate().provider(),
					ex.getClass().getSimpleName());
			return new Answered(this.fallback.generate(request), this.fallback.provider(), List.of(DEGRADED_WARNING));
		}
	}

	@Override
	public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
		return answerStreaming(request, onDelta).answer();
	}

	/**
	 * Streams with the primary, or with the fallback when the primary fails before emitting any text.
	 * @param request the question and its context
	 * @param onDelta receives the text as it is written
	 * @return the answer, who wrote it, and whether (and why) it is degraded
	 * @throws RuntimeException when the primary fails after emitting text, when the caller cancelled, or when
	 * the fallback fails too
	 */
	public Answered answerStreaming(LlmRequest request, Consumer<String> onDelta) {
		AtomicBoolean emitted = new AtomicBoolean();
		try {
			LlmAnswer answer = delegate().stream(request, (delta) -> {
				emitted.set(true);
				onDelta.accept(delta);
			});
			return new Answered(answer, delegate().provider(), List.of());
		}
		catch (RuntimeException ex) {
			if (emitted.get() || Thread.currentThread().isInterrupted()) {
				throw ex;
			}
			log.warn("llm failed before its first token, answering extractively provider={} cause={}",
					delegate().provider(), ex.getClass().getSimpleName());
			return new Answered(this.fallback.stream(request, onDelta), this.fallback.provider(),
					List.of(DEGRADED_WARNING));
		}
	}

	/**
	 * @param answer the answer
	 * @param provider who wrote it, reported as the response's {@code mode}
	 * @param warnings why the answer is degraded; empty when the primary answered
	 */
	public record Answered(LlmAnswer answer, String provider, List<String> warnings) {

		public Answered {
			Objects.requireNonNull(answer, "answer");
			Objects.requireNonNull(provider, "provider");
			warnings = List.copyOf(warnings);
		}

		/** Whether the fallback answered. */
		public boolean degraded() {
			return !this.warnings.isEmpty();
		}

	}

}
