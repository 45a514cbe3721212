package io.ragwell.rank;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a fused ranking; its rank is its one-based position in the fused list.
 *
 * @param id the chunk id
 * @param score the fused score the list is ordered by
 * @param denseScore its score in the dense list, if it appeared there
 * @param sparseScore its score in the sparse list, if it appeared there
 */
public record Fused(String id, double score, @Nullable Double denseScore, @Nullable Double sparseScore) {

	public Fused {
		Objects.requireNonNull(id, "id");
	}

}
