package io.ragwell.query.filter;

import java.util.List;
import java.util.Map;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterParserTests {

	private final FilterParser parser = new FilterParser(4, 5);

	private final JsonMapper json = JsonMapper.builder().build();

	private MetadataFilter parse(String filterJson) {
		return this.parser.parse(this.json.readValue(filterJson, Object.class));
	}

	@Test
	void scalarValueIsEquality() {
		assertThat(parse("{\"lang\": \"en\"}")).isEqualTo(new Comparison("lang", Op.EQ, "en"));
	}

	@Test
	void integersBecomeLongsAndDecimalsDoubles() {
		assertThat(parse("{\"year\": 2020}")).isEqualTo(new Comparison("year", Op.EQ, 2020L));
		assertThat(parse("{\"score\": {\"$gt\": 0.5}}")).isEqualTo(new Comparison("score", Op.GT, 0.5));
	}

	@Test
	void listValueIsIn() {
		assertThat(parse("{\"lang\": [\"en\", \"de\"]}")).isEqualTo(new In("lang", List.of("en", "de"), false));
	}

	@Test
	void operatorObjectWithSeveralOperatorsIsAnd() {
		assertThat(parse("{\"year\": {\"$gte\": 2020, \"$lt\": 2024}}")).isEqualTo(new And(
				List.of(new Comparison("year", Op.GTE, 2020L), new Comparison("year", Op.LT, 2024L))));
	}

	@Test
	void everyOperatorIsUnderstood() {
		assertThat(parse("{\"a\": {\"$eq\": true}}")).isEqualTo(new Comparison("a", Op.EQ, true));
		assertThat(parse("{\"a\": {\"$ne\": \"x\"}}")).isEqualTo(new Comparison("a", Op.NE, "x"));
		assertThat(parse("{\"a\": {\"$in\": [1, 2]}}")).isEqualTo(new In("a", List.of(1L, 2L), false));
		assertThat(parse("{\"a\": {\"$nin\": [\"x\"]}}")).isEqualTo(new In("a", List.of("x"), true));
		assertThat(parse("{\"a\": {\"$lte\": \"m\"}}")).isEqualTo(new Comparison("a", Op.LTE, "m"));
	}

	@Test
	void logicalOperatorsNest() {
		MetadataFilter filter = parse(
				"{\"$or\": [{\"lang\": \"en\"}, {\"$and\": [{\"year\": {\"$gt\": 2020}}, {\"source\": \"x\"}]}]}");
		assertThat(filter).isEqualTo(new Or(List.of(new Comparison("lang", Op.EQ, "en"), new And(
				List.of(new Comparison("year", Op.GT, 2020L), new Comparison("source", Op.EQ, "x"))))));
	}

	@Test
	void severalTopLevelFieldsAreAnd() {
		assertThat(parse("{\"a\": 1, \"b\": 2}")).isInstanceOf(And.class);
	}

	@Test
	void absentOrEmptyFiltersMeanNoFilter() {
		assertThat(this.parser.parse(null)).isNull();
		assertThat(this.parser.parse(Map.of())).isNull();
	}

	@Test
	void unknownOperatorIsRejectedWithItsName() {
		assertThatThrownBy(() -> parse("{\"year\": {\"$regex\": \"20.*\"}}"))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("$regex");
		assertThatThrownBy(() -> parse("{\"$not\": [{\"a\": 1}]}")).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("$not");
	}

	@Test
	void malformedFiltersAreRejected() {
		for (String bad : List.of("[1, 2]", "\"lang\"", "{\"a\": null}", "{\"a\": []}", "{\"a\": {}}",
				"{\"$and\": {}}", "{\"$and\": []}", "{\"$or\": [1]}", "{\"a\": {\"$in\": 3}}",
				"{\"a\": {\"$gt\": true}}", "{\"a\": {\"b\": 1}}", "{\"a\": [[1]]}", "{\"bad field\": 1}",
				"{\"a\": 99999999999999999999999}")) {
			assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class);
		}
	}

	@Test
	void depthAndListLimitsAreEnforced() {
		assertThatThrownBy(() -> parse("{\"$and\": [{\"$and\": [{\"$and\": [{\"$and\": [{\"a\": 1}]}]}]}]}"))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("deeper");
		assertThat(parse("{\"$and\": [{\"$and\": [{\"$and\": [{\"a\": 1}]}]}]}")).isInstanceOf(And.class);
		assertThatThrownBy(() -> parse("{\"a\": [1, 2, 3, 4, 5, 6]}")).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("at most 5");
	}

	@Test
	void anObjectWithMoreKeysThanTheClauseBoundIsAnInvalidFilter() {
		FilterParser parser = new FilterParser(8, 100, 200);
		Map<String, Object> wide = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 1100; i++) {
			wide.put("k" + i, i);
		}
		assertThatThrownBy(() -> parser.parse(wide)).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("more than 200 conditions")
			.extracting(ex -> ((InvalidRequestException) ex).field())
			.isEqualTo("filters");
	}

	@Test
	void theClauseBoundCountsEveryLevelAndEveryListValue() {
		FilterParser parser = new FilterParser(8, 100, 200);
		// 4 branches of 50 equalities: exactly 200, across two levels.
		List<Object> branches = new java.util.ArrayList<>();
		for (int b = 0; b < 4; b++) {
			Map<String, Object> branch = new java.util.LinkedHashMap<>();
			for (int i = 0; i < 50; i++) {
				branch.put("k" + i, i);
			}
			branches.add(branch);
		}
		MetadataFilter atTheBound = parser.parse(Map.of("$or", branches));
		assertThat(FilterParser.clauses(atTheBound)).isEqualTo(200);
		List<Object> oneMore = new java.util.ArrayList<>(branches);
		oneMore.add(Map.of("x", 1));
		assertThatThrownBy(() -> parser.parse(Map.of("$or", oneMore))).isInstanceOf(InvalidRequestException.class);
		// Two lists of 100 values are 200 clauses; one more equality beside them is over.
		List<Integer> hundred = java.util.stream.IntStream.range(0, 100).boxed().toList();
		assertThat(FilterParser.clauses(parser.parse(Map.of("a", hundred, "b", Map.of("$nin", hundred)))))
			.isEqualTo(200);
		assertThatThrownBy(() -> parser.parse(Map.of("a", hundred, "b", Map.of("$nin", hundred), "c", 1)))
			.isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void numbersBeyondLongOrDoubleAreInvalidFiltersAndEdgeValuesParse() {
		for (String bad : List.of("{\"a\": 1e400}", "{\"a\": -1e400}", "{\"a\": {\"$gt\": 1e309}}",
				"{\"a\": 9223372036854775808}", "{\"a\": [1, -9223372036854775809]}",
				"{\"a\": {\"$in\": [1e999]}}", "{\"a\": " + "9".repeat(500) + "}")) {
			assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class);
		}
		assertThat(parse("{\"a\": 9223372036854775807}")).isEqualTo(new Comparison("a", Op.EQ, Long.MAX_VALUE));
		assertThat(parse("{\"a\": 1e-400}")).isEqualTo(new Comparison("a", Op.EQ, 0.0));
		assertThat(parse("{\"a\": \"NaN\"}")).isEqualTo(new Comparison("a", Op.EQ, "NaN"));
		assertThat(parse("{\"a\": {\"$lt\": \"Infinity\"}}")).isEqualTo(new Comparison("a", Op.LT, "Infinity"));
	}

	/** Every operator with every JSON type: a tree whose values the filter model accepts, or an invalid-filter. */
	@Test
	void everyOperatorWithEveryJsonTypeParsesOrIsAnInvalidFilter() {
		List<String> operators = List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$and", "$or",
				"$bogus");
		List<String> values = List.of("null", "true", "false", "0", "-7", "2.5", "-0.0", "\"s\"", "\"\"", "[]",
				"[1]", "[\"a\", 2, true]", "[null]", "[[1]]", "[{}]", "[{\"b\": 1}]", "{}", "{\"b\": 1}",
				"{\"$eq\": 1}");
		int parsed = 0;
		for (String operator : operators) {
			for (String value : values) {
				for (String json : List.of("{\"a\": {\"" + operator + "\": " + value + "}}",
						"{\"" + operator + "\": " + value + "}", "{\"a\": " + value + "}")) {
					try {
						MetadataFilter filter = parse(json);
						assertThat(filter).as(json).isNotNull();
						assertThat(FilterKey.canonical(filter)).as(json).isNotEmpty();
						parsed++;
					}
					catch (InvalidRequestException ex) {
						assertThat(ex.type()).as(json).isEqualTo("invalid-filter");
					}
				}
			}
		}
		assertThat(parsed).isGreaterThan(30);
	}

}
