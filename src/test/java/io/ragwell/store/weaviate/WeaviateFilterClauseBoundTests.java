package io.ragwell.store.weaviate;

import java.util.Random;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.store.weaviate.WeaviateFilterConverter.Where;
import io.ragwell.support.FilterTrees;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weaviate expands a list into one operand per value, the widest expansion of any store, which is why the
 * parser counts each list value as a clause: a filter within the bound becomes at most that many operands.
 */
class WeaviateFilterClauseBoundTests {

	/** Comparison operands (nodes with a path) in a where filter. */
	static int operands(JsonNode node) {
		if (node.has("path")) {
			return 1;
		}
		int count = 0;
		for (JsonNode child : node.path("operands")) {
			count += operands(child);
		}
		return count;
	}

	private static String type(String property) {
		// Every metadata property exists with a scalar type, so nothing is folded away and the count is the
		// largest the converter can emit.
		return switch (property) {
			case "meta_a" -> "number";
			case "meta_b" -> "text[]";
			default -> "boolean";
		};
	}

	@Test
	void everyFilterWithinTheBoundConvertsToAtMostOneOperandPerClause() {
		System.out.println("WeaviateFilterClauseBoundTests seed=" + FilterTrees.SEED);
		Random random = new Random(FilterTrees.SEED);
		int converted = 0;
		for (int i = 0; i < 3000; i++) {
			MetadataFilter filter = FilterTrees.random(random, FilterParser.DEFAULT_MAX_CLAUSES);
			Where where;
			try {
				where = WeaviateFilterConverter.convert(filter, WeaviateFilterClauseBoundTests::type);
			}
			catch (InvalidRequestException ex) {
				continue; // ranges over text: refused with a 400, never sent
			}
			if (where.node() != null) {
				converted++;
				assertThat(operands(where.node())).as("seed %d: %s", FilterTrees.SEED, filter)
					.isLessThanOrEqualTo(FilterParser.clauses(filter));
			}
		}
		assertThat(converted).isGreaterThan(300);
		for (MetadataFilter filter : FilterTrees.largest(FilterParser.DEFAULT_MAX_CLAUSES)) {
			Where where = WeaviateFilterConverter.convert(filter, property -> "text");
			if (where.node() != null) {
				assertThat(operands(where.node())).isLessThanOrEqualTo(FilterParser.DEFAULT_MAX_CLAUSES);
			}
		}
	}

}
