package io.ragwell.query.plan;

import java.util.Locale;
import java.util.Objects;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import org.jspecify.annotations.Nullable;

/**
 * A validated request with every default resolved: what the rest of the pipeline reads instead of the JSON.
 *
 * @param query the question, sanitised and stripped
 * @param topK sources wanted, 1 or more
 * @param filter metadata filter, or null for none
 * @param mode dense, sparse or hybrid
 * @param fusion the fusion function and list depths, request overrides applied
 */
public record QueryPlan(String query, int topK, @Nullable MetadataFilter filter, SearchMode mode,
		FusionSettings fusion) {

	public QueryPlan {
		Objects.requireNonNull(query, "query");
		if (query.isBlank()) {
			throw new IllegalArgumentException("query must not be blank; plan a request through a QueryPlanner");
		}
		if (topK < 1) {
			throw new IllegalArgumentException("topK must be >= 1, was " + topK);
		}
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(fusion, "fusion");
	}

	/** The mode as responses report it: {@code dense}, {@code sparse}, {@code hybrid}. */
	public String modeName() {
		return this.mode.name().toLowerCase(Locale.ROOT);
	}

}
