package io.ragwell.store.opensearch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What OpenSearch cannot run is refused before it is sent; the rest is checked against a real server in the IT. */
class OpenSearchFilterConverterTests {

	@Test
	void numbersAreComparedAsDoublesAsKeyedTermsOfTheOneNumericField() {
		assertThat(OpenSearchFilterConverter.toQuery(new Comparison("year", Op.EQ, 2020L)))
			.isEqualTo(Map.of("term", Map.of("mn", "year=" + OpenSearchFields.sortable(2020.0))));
	}

	@Test
	void keysWithDotsOrTheSeparatorStayDistinctKeys() {
		assertThat(OpenSearchFilterConverter.toQuery(new Comparison("a.b", Op.EQ, "x")))
			.isEqualTo(Map.of("term", Map.of("ms", "a%2Eb=x")));
		assertThat(OpenSearchFields.encodeKey("a.b")).isNotEqualTo(OpenSearchFields.encodeKey("a%2Eb"));
		// "a=b" with value "c" must not read as key "a" with value "b=c".
		assertThat(OpenSearchFields.stringTerm("a=b", "c")).isNotEqualTo(OpenSearchFields.stringTerm("a", "b=c"));
	}

	@Test
	void aStringRangeIsClippedToTheKeysOwnTerms() {
		assertThat(OpenSearchFilterConverter.toQuery(new Comparison("lang", Op.GT, "de")))
			.isEqualTo(Map.of("range", Map.of("ms", Map.of("gt", "lang=de", "lt", "lang>"))));
		assertThat(OpenSearchFilterConverter.toQuery(new Comparison("lang", Op.LTE, "de")))
			.isEqualTo(Map.of("range", Map.of("ms", Map.of("gte", "lang=", "lte", "lang=de"))));
	}

	@Test
	void noOtherKeysTermsFallInsideAKeysInterval() {
		// Every byte an encoded key can hold sorts outside ['=', '>'], so "lang" never spans "langx" or "lang-x".
		for (String other : List.of("langx", "lang-x", "lang_x", "lang0", "lang%2E", "LANG", "lan")) {
			String term = OpenSearchFields.stringTerm(other, "zzz");
			assertThat(term.compareTo(OpenSearchFields.lowest("lang")) < 0 || term.compareTo(OpenSearchFields.above("lang")) >= 0)
				.as(other)
				.isTrue();
		}
	}

	@Test
	void sortableNumbersOrderAsStringsLikeTheNumbers() {
		Random random = new Random(42);
		List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE,
				Double.MIN_VALUE, -Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.0, 2.5));
		for (int i = 0; i < 1000; i++) {
			values.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
			values.add((double) random.nextLong());
		}
		for (double a : values) {
			for (double b : values.subList(0, 30)) {
				int numeric = Double.compare((a == 0.0) ? 0.0 : a, (b == 0.0) ? 0.0 : b);
				int text = OpenSearchFields.sortable(a).compareTo(OpenSearchFields.sortable(b));
				assertThat(Integer.signum(text)).as(a + " vs " + b).isEqualTo(Integer.signum(numeric));
			}
		}
		assertThat(OpenSearchFields.sortable(-0.0)).isEqualTo(OpenSearchFields.sortable(0.0));
		assertThat(OpenSearchFields.numberTerm("n", 2L)).isEqualTo(OpenSearchFields.numberTerm("n", 2.0));
	}

	@Test
	void namespacesMapToDistinctValidIndexNames() {
		assertThat(OpenSearchFields.namespaceIndex("ragwell", "tenant-a")).isEqualTo("ragwell-ns-tenant-a");
		List<String> namespaces = List.of("Tenant-A", "tenant-a", "a b", "ä", "_x", "x".repeat(200), "nsx-1", "x-1");
		List<String> names = namespaces.stream().map(ns -> OpenSearchFields.namespaceIndex("ragwell", ns)).toList();
		assertThat(names).doesNotHaveDuplicates()
			.allSatisfy(name -> assertThat(name).matches("[a-z0-9][a-z0-9._-]{0,254}"));
	}

	@Test
	void moreValuesThanATermsQueryTakesIsABadRequestNamingOpenSearch() {
		List<Object> values = new ArrayList<>(Collections.nCopies(OpenSearchFilterConverter.MAX_TERMS + 1, "v"));
		assertThatThrownBy(() -> OpenSearchFilterConverter.toQuery(new In("tag", values, false)))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("opensearch")
			.extracting(ex -> ((InvalidRequestException) ex).field())
			.isEqualTo("filters");
	}

	@Test
	void moreClausesThanABoolQueryTakesIsABadRequestNamingOpenSearch() {
		List<MetadataFilter> clauses = new ArrayList<>();
		for (int i = 0; i <= OpenSearchFilterConverter.MAX_CLAUSES; i++) {
			clauses.add(new Comparison("n", Op.EQ, (long) i));
		}
		assertThatThrownBy(() -> OpenSearchFilterConverter.toQuery(new Or(clauses)))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("opensearch");
	}

	@Test
	void emptyFieldNameIsABadRequest() {
		assertThatThrownBy(() -> OpenSearchFilterConverter.toQuery(new Comparison("", Op.EQ, "x")))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("opensearch");
	}

}
