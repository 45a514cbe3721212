package io.ragwell.eval;

import java.util.Map;
import java.util.Objects;

/**
 * A query with relevance judgments.
 *
 * @param id query id, reported back per query
 * @param text the query
 * @param grades relevance grade per document id; a positive grade means relevant, higher is more relevant
 */
public record JudgedQuery(String id, String text, Map<String, Integer> grades) {

	public JudgedQuery {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(text, "text");
		grades = Map.copyOf(grades);
		if (grades.values().stream().noneMatch(grade -> grade > 0)) {
			throw new IllegalArgumentException("query '" + id + "' has no document with a positive grade");
		}
	}

}
