package io.ragwell.query.filter;

import java.util.List;
import java.util.Map;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import io.ragwell.system.InvalidRequestException;
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

}
