package io.ragwell.query.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.support.FakeEmbedder;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class QueryEmbeddingCacheTests {

	private final AtomicInteger queries = new AtomicInteger();

	private final AtomicInteger passages = new AtomicInteger();

	private final FakeEmbedder model = FakeEmbedder.of("m", 2, (text) -> {
		this.passages.incrementAndGet();
		return new float[] { text.length(), 0 };
	}).withQueries((text) -> {
		this.queries.incrementAndGet();
		return new float[] { 0, text.length() };
	});

	private static CacheProperties properties(boolean enabled, long maxEmbeddings) {
		return new CacheProperties(enabled, DataSize.ofMegabytes(1), Duration.ofMinutes(1), maxEmbeddings,
				Duration.ofMinutes(1));
	}

	@Test
	void aQuestionEmbeddedTwiceCostsOneModelCallAndTheSameVector() {
		QueryEmbeddingCache cache = new QueryEmbeddingCache(this.model, properties(true, 10), new SimpleMeterRegistry());

		float[] first = cache.embedQuery("why?");
		float[] second = cache.embedQuery("why?");

		assertThat(this.queries).hasValue(1);
		assertThat(second).isSameAs(first).containsExactly(0, 4);
	}

	@Test
	void textsDifferingOnlyInCaseAreDifferentQuestions() {
		QueryEmbeddingCache cache = new QueryEmbeddingCache(this.model, properties(true, 10), new SimpleMeterRegistry());

		cache.embedQuery("US");
		cache.embedQuery("us");

		assertThat(this.queries).hasValue(2);
	}

	@Test
	void passagesAreNeverCached() {
		QueryEmbeddingCache cache = new QueryEmbeddingCache(this.model, properties(true, 10), new SimpleMeterRegistry());

		cache.embed("a passage");
		cache.embed("a passage");

		assertThat(this.passages).hasValue(2);
		assertThat(this.queries).hasValue(0);
	}

	@Test
	void disabledCachingCallsTheModelEveryTime() {
		QueryEmbeddingCache cache = new QueryEmbeddingCache(this.model, properties(false, 10),
				new SimpleMeterRegistry());

		cache.embedQuery("why?");
		cache.embedQuery("why?");

		assertThat(this.queries).hasValue(2);
	}

	@Test
	void boundedByEntryCount() {
		QueryEmbeddingCache cache = new QueryEmbeddingCache(this.model, properties(true, 0), new SimpleMeterRegistry());

		cache.embedQuery("why?");
		cache.embedQuery("why?");

		assertThat(this.queries).hasValue(2);
	}

}
