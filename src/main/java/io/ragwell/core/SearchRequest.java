package io.ragwell.core;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code VectorStore} is asked for.
 *
 * @param namespace tenant partition to search in
 * @param vector query embedding; required for {@link SearchMode#DENSE} and {@link SearchMode#HYBRID}
 * @param text query text; required for {@link SearchMode#SPARSE} and {@link SearchMode#HYBRID}
 * @param topK number of results wanted, 1 or more
 * @param filter metadata filter every result must satisfy, or {@code null} for none
 * @param mode ranking mode
 * @param candidates how deep the list of a DENSE or SPARSE search is read; at least topK. A HYBRID search
 * without a {@code fusion} reads both of its lists this deep.
 * @param fusion for HYBRID: how the dense and sparse lists are fused and how deep each is read (each at least
 * topK); {@code null} leaves the choice to the store (see {@link #fusion(int)}). DENSE and SPARSE ignore it.
 */
public record SearchRequest(String namespace, float @Nullable [] vector, @Nullable String text, int topK,
		@Nullable MetadataFilter filter, SearchMode mode, int candidates, @Nullable HybridFusion fusion) {

	public SearchRequest {
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(mode, "mode");
		if (topK < 1) {
			throw new IllegalArgumentException("topK must be >= 1, was " + topK);
		}
		candidates = Math.max(candidates, topK);
		if (mode != SearchMode.SPARSE && vector == null) {
			throw new IllegalArgumentException(mode + " search needs a query vector");
		}
		if (mode != SearchMode.DENSE && (text == null || text.isBlank())) {
			throw new IllegalArgumentException(mode + " search needs query text");
		}
		if (fusion != null) {
			// A list shallower than topK could not fill the fused top K.
			fusion = fusion.atLeast(topK);
		}
	}

	/** A request that leaves a HYBRID search's fusion to the store. */
	public SearchRequest(String namespace, float @Nullable [] vector, @Nullable String text, int topK,
			@Nullable MetadataFilter filter, SearchMode mode, int candidates) {
		this(namespace, vector, text, topK, filter, mode, candidates, null);
	}

	/**
	 * The fusion a HYBRID search applies: the request's own, or else reciprocal rank fusion with the store's
	 * {@code defaultRrfK} over lists {@code candidates} deep.
	 */
	public HybridFusion fusion(int defaultRrfK) {
		return (this.fusion != null) ? this.fusion : HybridFusion.rrf(defaultRrfK, this.candidates);
	}

	/**
	 * The dense list of a HYBRID search as a search of its own: {@code topK} and {@code candidates} are that
	 * list's depth in {@code fusion}.
	 */
	public SearchRequest denseList(HybridFusion fusion) {
		return new SearchRequest(this.namespace, this.vector, this.text, fusion.denseDepth(), this.filter,
				SearchMode.DENSE, fusion.denseDepth());
	}

	/** The sparse list of a HYBRID search as a search of its own, like {@link #denseList}. */
	public SearchRequest sparseList(HybridFusion fusion) {
		return new SearchRequest(this.namespace, null, this.text, fusion.sparseDepth(), this.filter, SearchMode.SPARSE,
				fusion.sparseDepth());
	}

}
