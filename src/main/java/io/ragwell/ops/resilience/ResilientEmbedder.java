package io.ragwell.ops.resilience;

import java.util.List;

import io.ragwell.core.Embedder;
import io.ragwell.core.ForwardingEmbedder;
import org.jspecify.annotations.Nullable;

/**
 * Runs every model call of a remote {@link Embedder} under its {@link ResiliencePolicy}. Token counting and
 * model facts are local and pass straight through; health checks are not retried.
 */
public final class ResilientEmbedder extends ForwardingEmbedder {

	private final ResiliencePolicy policy;

	public ResilientEmbedder(Embedder delegate, ResiliencePolicy policy) {
		super(delegate);
		this.policy = policy;
	}

	@Override
	public float[] embed(String text) {
		return this.policy.execute(() -> delegate().embed(text));
	}

	@Override
	public float[] embedQuery(String text) {
		return this.policy.execute(() -> delegate().embedQuery(text));
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		return this.policy.execute(() -> delegate().embedBatch(texts));
	}

	@Override
	public List<float[]> embedBatch(List<String> texts, Priority priority) {
		return this.policy.execute(() -> delegate().embedBatch(texts, priority));
	}

	@Override
	public @Nullable List<WithSpans> embedBatchWithSpans(List<String> texts, List<int[]> spans) {
		return this.policy.execute(() -> delegate().embedBatchWithSpans(texts, spans));
	}

}
