package io.ragwell.ops.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.Embedder;
import io.ragwell.core.ForwardingEmbedder;
import io.ragwell.query.metrics.RagMetrics;
import org.jspecify.annotations.Nullable;

/** Times every model call of the wrapped embedder ({@code rag.embedding}, tag {@code kind}). */
public final class MeteredEmbedder extends ForwardingEmbedder {

	private final MeterRegistry registry;

	private final Timer queryTimer;

	private final Timer passageTimer;

	public MeteredEmbedder(Embedder delegate, MeterRegistry registry) {
		super(delegate);
		this.registry = registry;
		this.queryTimer = timer(registry, delegate, "query");
		this.passageTimer = timer(registry, delegate, "passages");
	}

	private static Timer timer(MeterRegistry registry, Embedder embedder, String kind) {
		return Timer.builder(RagMetrics.EMBEDDING)
			.description("Embedding model calls")
			.tag("kind", kind)
			.tag("model", embedder.modelName())
			.register(registry);
	}

	@Override
	public float[] embed(String text) {
		return record(this.passageTimer, () -> delegate().embed(text));
	}

	@Override
	public float[] embedQuery(String text) {
		return record(this.queryTimer, () -> delegate().embedQuery(text));
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		return record(this.passageTimer, () -> delegate().embedBatch(texts));
	}

	@Override
	public List<float[]> embedBatch(List<String> texts, Priority priority) {
		return record(this.passageTimer, () -> delegate().embedBatch(texts, priority));
	}

	@Override
	public @Nullable List<WithSpans> embedBatchWithSpans(List<String> texts, List<int[]> spans) {
		return record(this.passageTimer, () -> delegate().embedBatchWithSpans(texts, spans));
	}

	private <T> T record(Timer timer, java.util.function.Supplier<T> call) {
		try {
			return timer.record(call);
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "embedding", ex);
			throw ex;
		}
	}

}
