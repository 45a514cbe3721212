package io.ragwell.query.retrieve;

import java.util.List;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.query.QueryProperties;
import io.ragwell.store.VectorStore;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns a query into a store search: dense, BM25 or both fused. Fusion itself happens in the store, natively
 * where it has hybrid search and by {@link ReciprocalRankFusion} otherwise.
 */
@Component
public class HybridRetriever {

	private final VectorStore store;

	private final QueryProperties properties;

	public HybridRetriever(VectorStore store, QueryProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/**
	 * @param namespace tenant partition
	 * @param text query text
	 * @param vector query embedding, or null for a sparse search
	 * @param topK results wanted
	 * @param filter metadata filter, or null
	 * @param mode ranking mode
	 */
	public List<SearchResult> retrieve(String namespace, String text, float @Nullable [] vector, int topK,
			@Nullable MetadataFilter filter, SearchMode mode) {
		int candidates = Math.max(topK, this.properties.candidates());
		if (mode == SearchMode.HYBRID && "relative-score".equals(this.properties.fusion())) {
			// Fused here rather than in the store: relative-score fusion needs both lists' raw scores.
			List<SearchResult> dense = this.store
				.search(new SearchRequest(namespace, vector, text, candidates, filter, SearchMode.DENSE, candidates));
			List<SearchResult> sparse = this.store
				.search(new SearchRequest(namespace, vector, text, candidates, filter, SearchMode.SPARSE, candidates));
			return RelativeScoreFusion.fuse(dense, sparse, this.properties.fusionAlpha(), topK);
		}
		return this.store.search(new SearchRequest(namespace, vector, text, topK, filter, mode, candidates));
	}

}
