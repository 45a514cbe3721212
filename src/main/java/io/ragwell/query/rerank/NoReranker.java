package io.ragwell.query.rerank;

import java.util.List;

import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.core.SearchResult;

/** Keeps the retrieval order: the default. */
public final class NoReranker implements Reranker {

	@Override
	public List<SearchResult> rerank(RerankRequest request) {
		List<SearchResult> candidates = request.candidates();
		return (candidates.size() <= request.topN()) ? candidates : List.copyOf(candidates.subList(0, request.topN()));
	}

	@Override
	public String name() {
		return "none";
	}

}
