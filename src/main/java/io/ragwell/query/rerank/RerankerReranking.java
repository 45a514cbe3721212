package io.ragwell.query.rerank;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.query.plan.QueryPlan;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrieves {@code ragwell.rerank.candidates} chunks (top_k when more) and lets the {@link Reranker} pick top_k.
 * Reranking is an improvement, not a requirement: when the reranker fails, the head of the retrieval order is
 * cited instead, with a warning, and the failure is counted ({@code rag.errors}, stage {@code rerank}).
 */
public final class RerankerReranking implements Reranking {

	private static final Logger log = LoggerFactory.getLogger(RerankerReranking.class);

	public static final String FAILED_WARNING = "The reranker is unavailable; sources are in retrieval order.";

	private final Reranker reranker;

	private final int candidates;

	private final MeterRegistry registry;

	/**
	 * @param reranker the configured reranker
	 * @param candidates chunks retrieved for it, 1 or more ({@code ragwell.rerank.candidates})
	 * @param registry where failures are counted
	 */
	public RerankerReranking(Reranker reranker, int candidates, MeterRegistry registry) {
		if (candidates < 1) {
			throw new IllegalArgumentException("candidates must be >= 1 (ragwell.rerank.candidates), was " + candidates);
		}
		this.reranker = reranker;
		this.candidates = candidates;
		this.registry = registry;
	}

	@Override
	public int depth(int topK) {
		return Math.max(topK, this.candidates);
	}

	@Override
	public Reranked rerank(String namespace, QueryPlan plan, float @Nullable [] vector,
			List<SearchResult> candidates) {
		try {
			return new Reranked(
					this.reranker.rerank(new RerankRequest(namespace, plan.query(), vector, candidates, plan.topK())),
					List.of(), false);
		}
		catch (RuntimeException ex) {
			log.warn("reranker failed, keeping the retrieval order reranker={} cause={}", this.reranker.name(),
					ex.getClass().getSimpleName());
			RagMetrics.error(this.registry, "rerank", ex);
			return new Reranked(candidates.subList(0, Math.min(plan.topK(), candidates.size())),
					List.of(FAILED_WARNING), true);
		}
	}

	@Override
	public String describe() {
		return this.reranker.name() + '(' + this.candidates + ')';
	}

}
