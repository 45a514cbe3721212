package io.ragwell.store.pinecone;

import java.util.Map;
import java.util.Random;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.support.FilterTrees;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pinecone expands lists holding booleans into one condition per value; the parser counts each list value as
 * a clause, so a filter within the bound becomes at most that many conditions and lists far below Pinecone's
 * 10,000 values per {@code $in}/{@code $nin}.
 */
class PineconeFilterClauseBoundTests {

	/** Leaf conditions ({@code {"m_a": {"$eq": 1}}}) in a Pinecone filter, and the longest $in/$nin list. */
	static int[] conditions(JsonNode node) {
		int[] result = new int[2];
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (entry.getKey().equals("$and") || entry.getKey().equals("$or")) {
				for (JsonNode child : entry.getValue()) {
					int[] inner = conditions(child);
					result[0] += inner[0];
					result[1] = Math.max(result[1], inner[1]);
				}
			}
			else {
				result[0]++;
				for (JsonNode operand : entry.getValue()) {
					if (operand.isArray()) {
						result[1] = Math.max(result[1], operand.size());
					}
				}
			}
		}
		return result;
	}

	@Test
	void everyFilterWithinTheBoundConvertsToAtMostOneConditionPerClause() {
		System.out.println("PineconeFilterClauseBoundTests seed=" + FilterTrees.SEED);
		Random random = new Random(FilterTrees.SEED);
		int converted = 0;
		for (int i = 0; i < 3000; i++) {
			MetadataFilter filter = FilterTrees.random(random, FilterParser.DEFAULT_MAX_CLAUSES);
			JsonNode node;
			try {
				node = PineconeFilterConverter.convert(filter);
			}
			catch (InvalidRequestException ex) {
				continue; // ranges over strings: refused with a 400, never sent
			}
			converted++;
			int[] counted = conditions(node);
			assertThat(counted[0]).as("seed %d: %s", FilterTrees.SEED, filter)
				.isLessThanOrEqualTo(FilterParser.clauses(filter));
			assertThat(counted[1]).isLessThanOrEqualTo(FilterParser.DEFAULT_MAX_CLAUSES);
		}
		assertThat(converted).isGreaterThan(300);
		for (MetadataFilter filter : FilterTrees.largest(FilterParser.DEFAULT_MAX_CLAUSES)) {
			assertThat(conditions(PineconeFilterConverter.convert(filter))[0])
				.isLessThanOrEqualTo(FilterParser.DEFAULT_MAX_CLAUSES);
		}
	}

}
