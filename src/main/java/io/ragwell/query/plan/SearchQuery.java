package io.ragwell.query.plan;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One search to run: the question or a phrasing of it that expansion added.
 *
 * @param text the BM25 side
 * @param vector the dense side, or null for a sparse search
 */
public record SearchQuery(String text, float @Nullable [] vector) {

	public SearchQuery {
		Objects.requireNonNull(text, "text");
	}

}
