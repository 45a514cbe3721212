package io.ragwell.store.opensearch;

import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.MetadataFilter;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.support.FilterTrees;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser's clause bound keeps every converted filter within two leaf queries per clause, so a filter at
 * the bound (400 leaves) fits OpenSearch's {@code indices.query.bool.max_clause_count} (1,024, counted over
 * the whole query like Lucene) beside the store's scope and match query.
 */
class OpenSearchFilterClauseBoundTests {

	/** Leaf queries as Lucene counts them; a bool with only must_not gets an implicit match_all. */
	@SuppressWarnings("unchecked")
	static int leaves(Object node) {
		Map<String, Object> query = (Map<String, Object>) node;
		Object bool = query.get("bool");
		if (bool == null) {
			return 1; // term, terms, range, match_none
		}
		Map<String, Object> clauses = (Map<String, Object>) bool;
		int count = 0;
		boolean positive = false;
		for (String occur : List.of("must", "filter", "should", "must_not")) {
			List<Object> children = (List<Object>) clauses.getOrDefault(occur, List.of());
			positive |= !occur.equals("must_not") && !children.isEmpty();
			for (Object child : children) {
				count += leaves(child);
			}
		}
		return positive ? count : count + 1;
	}

	@Test
	void everyFilterWithinTheBoundConvertsToAtMostTwoLeavesPerClause() {
		System.out.println("OpenSearchFilterClauseBoundTests seed=" + FilterTrees.SEED);
		Random random = new Random(FilterTrees.SEED);
		for (int i = 0; i < 3000; i++) {
			MetadataFilter filter = FilterTrees.random(random, FilterParser.DEFAULT_MAX_CLAUSES);
			assertThat(leaves(OpenSearchFilterConverter.toQuery(filter))).as("seed %d: %s", FilterTrees.SEED, filter)
				.isLessThanOrEqualTo(2 * FilterParser.clauses(filter));
		}
		for (MetadataFilter filter : FilterTrees.largest(FilterParser.DEFAULT_MAX_CLAUSES)) {
			assertThat(leaves(OpenSearchFilterConverter.toQuery(filter)))
				.isLessThanOrEqualTo(2 * FilterParser.DEFAULT_MAX_CLAUSES)
				.isLessThan(OpenSearchFilterConverter.MAX_CLAUSES / 2);
		}
	}

}
