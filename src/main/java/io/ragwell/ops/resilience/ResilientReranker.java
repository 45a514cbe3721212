package io.ragwell.ops.resilience;

import java.util.List;

import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;

/** Runs every call of a remote {@link Reranker} under its {@link ResiliencePolicy} (instance {@code rerank}). */
public final class ResilientReranker implements Reranker, AutoCloseable {

	private final Reranker delegate;

	private final ResiliencePolicy policy;

	public ResilientReranker(Reranker delegate, ResiliencePolicy policy) {
		this.delegate = delegate;
		this.policy = policy;
	}

	@Override
	public List<SearchResult> rerank(RerankRequest request) {
		return this.policy.execute(() -> this.delegate.rerank(request));
	}

	@Override
	public String name() {
		return this.delegate.name();
	}

	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	Reranker delegate() {
		return this.delegate;
	}

}
