package io.ragwell.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DotSegmentFilterTests {

	@Test
	void dotSegmentsAreFoundPlainEncodedOrWithParameters() {
		assertThat(DotSegmentFilter.hasDotSegment("/x/../documents")).isTrue();
		assertThat(DotSegmentFilter.hasDotSegment("/./documents")).isTrue();
		assertThat(DotSegmentFilter.hasDotSegment("/actuator/health/%2e%2E/health")).isTrue();
		assertThat(DotSegmentFilter.hasDotSegment("/actuator/health/.%2e;x/health")).isTrue();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/%2E")).isTrue();
	}

	@Test
	void dotsInsideNamesAndMalformedEscapesAreNotDotSegments() {
		assertThat(DotSegmentFilter.hasDotSegment("/actuator/metrics/jvm.threads.live")).isFalse();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/a..b")).isFalse();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/...")).isFalse();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/%2e%2e%2e")).isFalse();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/%3%62")).isFalse();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/")).isFalse();
	}

	@Test
	void malformedEscapesAreFoundInSegmentsAndParameters() {
		assertThat(DotSegmentFilter.hasMalformedEscape("/documents;%3%62")).isTrue();
		assertThat(DotSegmentFilter.hasMalformedEscape("/documents/x;a=%zz")).isTrue();
		assertThat(DotSegmentFilter.hasMalformedEscape("/search;%")).isTrue();
		assertThat(DotSegmentFilter.hasMalformedEscape("/documents/%4")).isTrue();
		assertThat(DotSegmentFilter.hasMalformedEscape("/documents/%G0")).isTrue();
	}

	@Test
	void wellFormedEscapesAreNotMalformed() {
		assertThat(DotSegmentFilter.hasMalformedEscape("/%64ocuments/%E2%98%83;a=%2e")).isFalse();
		assertThat(DotSegmentFilter.hasMalformedEscape("/documents/plain")).isFalse();
		assertThat(DotSegmentFilter.hasMalformedEscape("/documents/%aF")).isFalse();
	}

	@Test
	void dotSegmentsHiddenUnderSeveralEncodingsAreFound() {
		assertThat(DotSegmentFilter.hasDotSegment("/actuator/health/zz/%252E./readiness")).isTrue();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/%25252e%25252E")).isTrue();
		assertThat(DotSegmentFilter.hasDotSegment("/documents/%252Ex")).isFalse();
	}

}
