package io.ragwell.store.opensearch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import io.ragwell.system.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What OpenSearch cannot run is refused before it is sent; the rest is checked against a real server in the IT. */
class OpenSearchFilterConverterTests {

	@Test
	void numbersAreComparedAsDoublesOnTheNumericField() {
		assertThat(OpenSearchFilterConverter.toQuery(new Comparison("year", Op.EQ, 2020L)))
			.isEqualTo(Map.of("term", Map.of("mn.year", 2020.0)));
	}

	@Test
	void keysWithDotsBecomeOneFieldSegment() {
		assertThat(OpenSearchFilterConverter.toQuery(new Comparison("a.b", Op.EQ, "x")))
			.isEqualTo(Map.of("term", Map.of("ms.a%2Eb", "x")));
		assertThat(OpenSearchFields.encodeKey("a.b")).isNotEqualTo(OpenSearchFields.encodeKey("a%2Eb"));
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
