package io.ragwell.query.retrieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.PrfProperties;
import io.ragwell.query.plan.QueryProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a query into a store search: dense, BM25 or both fused. A hybrid search is one store call whose
 * request describes the fusion and the depth of each list ({@link FusionSettings#hybridFusion()}); the store
 * fuses (Lucene from one index snapshot, loading only the fused top K) or uses its own hybrid query (Weaviate).
 * With pseudo-relevance feedback on ({@link PrfProperties}), a first search of the same mode finds the feedback
 * chunks and a second one, with the query moved towards them, is the result.
 */
@Component
public class HybridRetriever {

	private final VectorStore store;

	private final QueryProperties properties;

	private final PrfProperties prf;

	/** A retriever without pseudo-relevance feedback. */
	public HybridRetriever(VectorStore store, QueryProperties properties) {
		this(store, properties, PrfProperties.OFF);
	}

	@Autowired
	public HybridRetriever(VectorStore store, QueryProperties properties, PrfProperties prf) {
		this.store = store;
		this.properties = properties;
		this.prf = prf;
	}

	/** The same retriever with other pseudo-relevance feedback settings (the eval's feedback grid). */
	public HybridRetriever withFeedback(PrfProperties feedback) {
		return new HybridRetriever(this.store, this.properties, feedback);
	}

	/** The pseudo-relevance feedback settings in force. */
	public PrfProperties feedback() {
		return this.prf;
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
		boolean dense = this.prf.dense() && vector != null && mode != SearchMode.SPARSE;
		boolean sparse = this.prf.sparse() && mode != SearchMode.DENSE;
		if (!dense && !sparse) {
			return search(namespace, text, vector, topK, filter, mode, settings);
		}
		List<SearchResult> feedback = search(namespace, text, vector, this.prf.docs(), filter, mode, settings);
		if (feedback.isEmpty()) {
			return search(namespace, text, vector, topK, filter, mode, settings);
		}
		float[] newVector = vector;
		if (dense && vector != null) {
			List<String> ids = feedback.stream().map((result) -> result.chunk().id()).toList();
			Map<String, float[]> stored = this.store.chunkVectors(namespace, ids);
			List<float[]> vectors = new ArrayList<>(ids.size());
			for (String id : ids) {
				float[] chunkVector = stored.get(id);
				if (chunkVector != null) {
					vectors.add(chunkVector);
				}
			}
			// A store that returns no vectors leaves the dense side as it was.
			newVector = PseudoRelevanceFeedback.rocchio(vector, vectors, this.prf.denseWeight());
		}
		String newText = text;
		if (sparse) {
			newText = PseudoRelevanceFeedback.expandedText(text,
					PseudoRelevanceFeedback.expansionTerms(text, feedback, this.prf.terms()), this.prf.queryWeight());
		}
		return search(namespace, newText, newVector, topK, filter, mode, settings);
	}

	private List<SearchResult> search(String namespace, String text, float @Nullable [] vector, int topK,
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
