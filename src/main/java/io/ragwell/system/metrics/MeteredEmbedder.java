package io.ragwell.system.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.Health;
import io.ragwell.embed.Embedder;

/** Times every model call of the wrapped embedder ({@code rag.embedding}, tag {@code kind}). */
final class MeteredEmbedder implements Embedder, AutoCloseable {

	private final Embedder delegate;

	private final MeterRegistry registry;

	private final Timer queryTimer;

	private final Timer passageTimer;

	MeteredEmbedder(Embedder delegate, MeterRegistry registry) {
		this.delegate = delegate;
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
		return record(this.passageTimer, () -> this.delegate.embed(text));
	}

	@Override
	public float[] embedQuery(String text) {
		return record(this.queryTimer, () -> this.delegate.embedQuery(text));
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		return record(this.passageTimer, () -> this.delegate.embedBatch(texts));
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

	@Override
	public int dimensions() {
		return this.delegate.dimensions();
	}

	@Override
	public String modelName() {
		return this.delegate.modelName();
	}

	@Override
	public int countTokens(String text) {
		return this.delegate.countTokens(text);
	}

	@Override
	public int maxInputTokens() {
		return this.delegate.maxInputTokens();
	}

	@Override
	public Health healthCheck() {
		return this.delegate.healthCheck();
	}

	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	Embedder delegate() {
		return this.delegate;
	}

}
