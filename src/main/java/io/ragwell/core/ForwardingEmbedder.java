package io.ragwell.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An {@link Embedder} that hands every call to another one. Decorators (metrics, resilience, test probes)
 * extend it and override only what they add to, so a method added to the port later is passed through
 * instead of silently falling back to its default.
 */
public abstract class ForwardingEmbedder implements Embedder, AutoCloseable {

	private final Embedder delegate;

	protected ForwardingEmbedder(Embedder delegate) {
		this.delegate = delegate;
	}

	/** The wrapped embedder. */
	public Embedder delegate() {
		return this.delegate;
	}

	@Override
	public float[] embed(String text) {
		return this.delegate.embed(text);
	}

	@Override
	public float[] embedQuery(String text) {
		return this.delegate.embedQuery(text);
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		return this.delegate.embedBatch(texts);
	}

	@Override
	public List<float[]> embedBatch(List<String> texts, Priority priority) {
		return this.delegate.embedBatch(texts, priority);
	}

	@Override
	public @Nullable List<WithSpans> embedBatchWithSpans(List<String> texts, List<int[]> spans) {
		return this.delegate.embedBatchWithSpans(texts, spans);
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

}
