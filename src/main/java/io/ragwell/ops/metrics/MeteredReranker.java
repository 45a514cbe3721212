package io.ragwell.ops.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;
import io.ragwell.query.metrics.RagMetrics;

/**
 * Times every rerank call ({@code rag.rerank}, tag {@code reranker}), failed ones included. Failures are not
 * counted here: the query pipeline degrades on them and counts them itself ({@code rag.errors}, stage
 * {@code rerank}), so counting here too would count each failure twice.
 */
public final class MeteredReranker implements Reranker, AutoCloseable {

	private final Reranker delegate;

	private final Timer timer;

	public MeteredReranker(Reranker delegate, MeterRegistry registry) {
		this.delegate = delegate;
		this.timer = Timer.builder(RagMetrics.RERANK)
			.description("Rerank calls")
			.tag("reranker", delegate.name())
			.register(registry);
	}

	@Override
	public List<SearchResult> rerank(RerankRequest request) {
		return this.timer.record(() -> this.delegate.rerank(request));
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

	/** The wrapped reranker. */
	public Reranker delegate() {
		return this.delegate;
	}

}
