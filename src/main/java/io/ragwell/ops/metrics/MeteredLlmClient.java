package io.ragwell.ops.metrics;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.ForwardingLlmClient;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.query.metrics.RagMetrics;

/** Times answer generation ({@code rag.llm}) and counts tokens ({@code rag.tokens}, tag {@code type}). */
public final class MeteredLlmClient extends ForwardingLlmClient {

	private final MeterRegistry registry;

	private final Timer timer;

	private final Counter promptTokens;

	private final Counter completionTokens;

	public MeteredLlmClient(LlmClient delegate, MeterRegistry registry) {
		super(delegate);
		this.registry = registry;
		this.timer = Timer.builder(RagMetrics.LLM)
			.description("Answer generation calls")
			.tag("provider", delegate.provider())
			.tag("model", delegate.model())
			.register(registry);
		this.promptTokens = tokens(registry, delegate, "prompt");
		this.completionTokens = tokens(registry, delegate, "completion");
	}

	private static Counter tokens(MeterRegistry registry, LlmClient llm, String type) {
		return Counter.builder(RagMetrics.TOKENS)
			.description("Tokens read and written by the answerer")
			.tag("type", type)
			.tag("provider", llm.provider())
			.register(registry);
	}

	@Override
	public LlmAnswer generate(LlmRequest request) {
		return record(() -> delegate().generate(request));
	}

	@Override
	public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
		return record(() -> delegate().stream(request, onDelta));
	}

	@Override
	public LlmAnswer complete(String prompt) {
		return record(() -> delegate().complete(prompt));
	}

	private LlmAnswer record(Supplier<LlmAnswer> call) {
		try {
			LlmAnswer answer = this.timer.record(call);
			this.promptTokens.increment(answer.promptTokens());
			this.completionTokens.increment(answer.completionTokens());
			return answer;
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "llm", ex);
			throw ex;
		}
	}

}
