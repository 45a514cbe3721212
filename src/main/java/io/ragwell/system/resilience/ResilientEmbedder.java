package io.ragwell.system.resilience;

import java.util.List;

import io.ragwell.core.Health;
import io.ragwell.embed.Embedder;

/**
 * Runs every model call of a remote {@link Embedder} under its {@link ResiliencePolicy}. Token counting and
 * model facts are local and pass straight through; health checks are not retried.
 */
public final class ResilientEmbedder implements Embedder, AutoCloseable {

	private final Embedder delegate;

	private final ResiliencePolicy policy;

	public ResilientEmbedder(Embedder delegate, ResiliencePolicy policy) {
		this.delegate = delegate;
		this.policy = policy;
	}

	@Override
	public float[] embed(String text) {
		return this.policy.execute(() -> this.delegate.embed(text));
	}

	@Override
	public float[] embedQuery(String text) {
		return this.policy.execute(() -> this.delegate.embedQuery(text));
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		return this.policy.execute(() -> this.delegate.embedBatch(texts));
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
