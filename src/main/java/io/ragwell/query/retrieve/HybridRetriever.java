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
 * Turns a query into store searches: dense, BM25 or both fused. For hybrid search it asks the store for the
 * dense and BM25 lists separately and fuses them itself with the request's {@link FusionSettings}, unless the
 * store declares {@link VectorStore#nativeHybrid() native hybrid search}, which is then used as is.
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
		if (this.store.nativeHybrid()) {
			int depth = Math.max(settings.denseCandidates(), settings.sparseCandidates());
			return this.store.search(new SearchRequest(namespace, vector, text, topK, filter, SearchMode.HYBRID, depth));
		}
		// Each list is read to its own depth: topK = candidates asks the store for the whole list.
		int denseDepth = Math.max(topK, settings.denseCandidates());
		int sparseDepth = Math.max(topK, settings.sparseCandidates());
		// One store call: the store may read both lists from one snapshot and load only the fused top K.
		return this.store.searchFused(
				new SearchRequest(namespace, vector, text, denseDepth, filter, SearchMode.DENSE, denseDepth),
				new SearchRequest(namespace, null, text, sparseDepth, filter, SearchMode.SPARSE, sparseDepth), topK,
				settings.function());
	}

}
