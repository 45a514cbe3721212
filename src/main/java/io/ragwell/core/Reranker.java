package io.ragwell.core;

import java.util.List;

/**
 * Reorders retrieved candidates and keeps the best {@code topN}. The query pipeline retrieves
 * {@code ragwell.rerank.candidates} chunks, reranks them and cites what comes back. The default,
 * {@code query.rerank.NoReranker}, keeps the retrieval order.
 */
public interface Reranker {

	/**
	 * @param request the query and its candidates, best first by retrieval
	 * @return at most {@code request.topN()} of the candidates, best first, ranked from 1; rerankers that score
	 * set {@link SearchResult#rerankScore()}
	 */
	List<SearchResult> rerank(RerankRequest request);

	/** {@code none}, {@code mmr}, {@code tei}, {@code cohere}, {@code jina}: reported with the response. */
	String name();

}
