package io.ragwell.query.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FilterKeyTests {

	private static final long SEED = Long.getLong("ragwell.test.seed", 20261201L);

	private final FilterParser parser = new FilterParser(8, 100);

	private final JsonMapper json = JsonMapper.builder().build();

	private String key(String filterJson) {
		return FilterKey.canonical(this.parser.parse(this.json.readValue(filterJson, Object.class)));
	}

	@Test
	void aNumberAndTheSameDigitsAsAStringGetDifferentKeys() {
		assertThat(key("{\"year\": 2021}")).isNotEqualTo(key("{\"year\": \"2021\"}"));
		assertThat(key("{\"year\": 2021}")).isNotEqualTo(key("{\"year\": 2021.0}"));
		assertThat(key("{\"draft\": true}")).isNotEqualTo(key("{\"draft\": \"true\"}"));
		assertThat(key("{\"x\": 0.0}")).isNotEqualTo(key("{\"x\": -0.0}"));
	}

	@Test
	void aStringWithACommaIsNotTwoListValues() {
		assertThat(key("{\"tag\": [\"a, b\"]}")).isNotEqualTo(key("{\"tag\": [\"a\", \"b\"]}"));
		assertThat(key("{\"tag\": [\"a\\\", {\\\"string\\\": \\\"b\"]}")).isNotEqualTo(key("{\"tag\": [\"a\", \"b\"]}"));
	}

	@Test
	void spellingsThatParseToTheSameTreeShareAKey() {
		assertThat(key("{\"lang\": \"en\"}")).isEqualTo(key("{\"lang\": {\"$eq\": \"en\"}}"));
		assertThat(key("{\"lang\": [\"en\"]}")).isEqualTo(key("{\"lang\": {\"$in\": [\"en\"]}}"));
		assertThat(FilterKey.canonical(null)).isEmpty();
	}

	/**
	 * Random trees over a tiny alphabet (so that equal and near-equal trees are common), every value type:
	 * two trees get the same key exactly when they are equal with values of the same types. Equal trees are
	 * the same input to every store, so a key never stands for two different answers.
	 */
	@Test
	void keysAreEqualExactlyWhenTheTypedTreesAreEqual() {
		System.out.println("FilterKeyTests seed=" + SEED + " (replay with -Dragwell.test.seed=" + SEED + ")");
		Random random = new Random(SEED);
		Map<String, MetadataFilter> byKey = new HashMap<>();
		Set<MetadataFilter> trees = new HashSet<>();
		int collisions = 0;
		for (int i = 0; i < 50_000; i++) {
			MetadataFilter filter = tree(random, 0);
			trees.add(filter);
			MetadataFilter seen = byKey.putIfAbsent(FilterKey.canonical(filter), filter);
			if (seen != null) {
				collisions++;
				assertThat(sameTyped(seen, filter)).as("seed %d: %s and %s share a key", SEED, seen, filter).isTrue();
			}
		}
		// Equal keys imply equal trees (above); as many keys as trees means unequal trees never share one.
		assertThat(byKey).hasSameSizeAs(trees);
		assertThat(collisions).as("the alphabet is small enough to repeat trees").isGreaterThan(1000);
	}

	static MetadataFilter tree(Random random, int depth) {
		int pick = random.nextInt(depth >= 2 ? 3 : 5);
		String field = List.of("a", "b", "document_id", "a\"", "a,b").get(random.nextInt(5));
		return switch (pick) {
			case 0 -> new Comparison(field, Op.values()[random.nextInt(Op.values().length)], value(random, true));
			case 1, 2 -> {
				List<Object> values = new ArrayList<>();
				int size = 1 + random.nextInt(3);
				for (int i = 0; i < size; i++) {
					values.add(value(random, false));
				}
				yield new In(field, values, random.nextBoolean());
			}
			default -> {
				List<MetadataFilter> children = new ArrayList<>();
				int size = 1 + random.nextInt(2);
				for (int i = 0; i < size; i++) {
					children.add(tree(random, depth + 1));
				}
				yield (pick == 3) ? new And(children) : new Or(children);
			}
		};
	}

	private static Object value(Random random, boolean rangeSafe) {
		return switch (random.nextInt(rangeSafe ? 6 : 8)) {
			case 0 -> 1L;
			case 1 -> 1.0;
			case 2 -> "1";
			case 3 -> "a, b";
			case 4 -> -0.0;
			case 5 -> "a";
			case 6 -> true;
			default -> "true";
		};
	}

	/** Record equality with the value types compared too (Long 1 and Double 1.0 are never the same). */
	static boolean sameTyped(MetadataFilter a, MetadataFilter b) {
		return a.equals(b) && FilterKeyTests.types(a).equals(FilterKeyTests.types(b));
	}

	private static String types(MetadataFilter filter) {
		return switch (filter) {
			case Comparison c -> c.value().getClass().getSimpleName();
			case In in -> in.values().stream().map(v -> v.getClass().getSimpleName()).toList().toString();
			case And and -> and.filters().stream().map(FilterKeyTests::types).toList().toString();
			case Or or -> "or" + or.filters().stream().map(FilterKeyTests::types).toList();
		};
	}

}
