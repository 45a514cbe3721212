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
 * @param candidates how deep each underlying list (dense, sparse) is read before fusion; at least topK
 */
public record SearchRequest(String namespace, float @Nullable [] vector, @Nullable String text, int topK,
		@Nullable MetadataFilter filter, SearchMode mode, int candidates) {

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
	}

}
