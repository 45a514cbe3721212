package io.ragwell.query.retrieve;

import java.util.List;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.QueryProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns a query into a store search: dense, BM25 or both fused. A hybrid search is one store call whose
 * request describes the fusion and the depth of each list ({@link FusionSettings#hybridFusion()}); the store
 * fuses (Lucene from one index snapshot, loading only the fused top K) or uses its own hybrid query (Weaviate).
 */
@Component
public class HybridRetriever {

	private final VectorStore store;

	private final QueryProperties properties;

	public HybridRetriever(VectorStore store, QueryProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** The configured fusion and depths ({@code ragwell.query.*}). */
	public FusionSettings defaults() {
		return new FusionSettings(Fusion.parse(this.properties.fusion()), this.properties.alpha(),
				this.properties.rrfK(), this.properties.denseDepth(), this.properties.sparseDepth());
	}

	/** Retrieves with the configured fusion settings; see {@link #retrieve(String, String, float[], int, MetadataFilter, SearchMode, FusionSettings)}. */
	public List<SearchResult> retrieve(String namespace, String text, float @Nullable [] vector, int topK,
			@Nullable MetadataFilter filter, SearchMode mode) {
		return retrieve(namespace, text, vector, topK, filter, mode, defaults());
	}

	/**
	 * @param namespace tenant partition
	 * @param text query text (the BM25 side)
	 * @param vector query embedding (the dense side), or null for a sparse search
	 * @param topK results wanted
	 * @param filter metadata filter, or null
	 * @param mode ranking mode
	 * @param settings fusion function and list depths
	 * @return at most {@code topK} results, best first
	 */
	public List<SearchResult> retrieve(String namespace, String text, float @Nullable [] vector, int topK,
			@Nullable MetadataFilter filter, SearchMode mode, FusionSettings settings) {
		return switch (mode) {
			case DENSE -> this.store.search(new SearchRequest(namespace, vector, text, topK, filter, SearchMode.DENSE,
					settings.denseCandidates()));
			case SPARSE -> this.store.search(new SearchRequest(namespace, null, text, topK, filter, SearchMode.SPARSE,
					settings.sparseCandidates()));
			case HYBRID -> hybrid(namespace, text, vector, topK, filter, settings);
		};
	}

	private List<SearchResult> hybrid(String namespace, String text, float @Nullable [] vector, int topK,
			@Nullable MetadataFilter filter, FusionSettings settings) {
		int depth = Math.max(settings.denseCandidates(), settings.sparseCandidates());
		return this.store.search(new SearchRequest(namespace, vector, text, topK, filter, SearchMode.HYBRID, depth,
				settings.hybridFusion()));
	}

}
