package io.ragwell.llm;

import java.util.List;
import java.util.Objects;

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
 * Only {@link #generate} falls back. {@link #complete} serves query expansion, whose callers handle a failure
 * themselves (an extractive "paraphrase" would be nonsense); {@link #stream} is forwarded as is, since after
 * partial output a second answerer would repeat or contradict it.
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
