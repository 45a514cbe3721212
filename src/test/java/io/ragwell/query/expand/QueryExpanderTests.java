package io.ragwell.query.expand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchMode;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.SearchQuery;
import io.ragwell.query.retrieve.QueryVectors;
import io.ragwell.support.FakeEmbedder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryExpanderTests {

	private static final float[] QUESTION = { 1, 0 };

	// Passages onto (0, 1), questions onto (1, 1): a test sees which way each text was embedded.
	private final FakeEmbedder embedder = FakeEmbedder.of("two", 2, (text) -> new float[] { 0, 1 })
		.withQueries((text) -> new float[] { 1, 1 });

	private final QueryVectors vectors = new QueryVectors(this.embedder);

	@Test
	void noExpansionSearchesTheQuestionAlone() {
		ExpandedQuery expanded = QueryExpander.configured(Expansion.NONE, 3, llm("openai", "unused"), this.vectors)
			.expand(plan(SearchMode.HYBRID), QUESTION);

		assertThat(expanded.queries()).singleElement().satisfies(query -> {
			assertThat(query.text()).isEqualTo("why do cats purr");
			assertThat(query.vector()).isSameAs(QUESTION);
		});
		assertThat(expanded.warnings()).isEmpty();
		assertThat(expanded.failed()).isFalse();
	}

	@Test
	void multiQuerySearchesTheQuestionFirstThenEachParaphraseWithItsOwnEmbedding() {
		QueryExpander expander = QueryExpander.configured(Expansion.MULTI_QUERY, 2,
				llm("openai", "what makes cats purr\nfeline purring cause"), this.vectors);

		ExpandedQuery expanded = expander.expand(plan(SearchMode.HYBRID), QUESTION);

		assertThat(expanded.queries()).extracting(SearchQuery::text)
			.containsExactly("why do cats purr", "what makes cats purr", "feline purring cause");
		assertThat(expanded.queries().get(1).vector()).isNotNull();
		assertThat(this.embedder.queries()).containsExactly("what makes cats purr", "feline purring cause");
		assertThat(expander.describe()).isEqualTo("multi-query(2)");
	}

	@Test
	void multiQueryEmbedsNoParaphraseForASparseSearch() {
		ExpandedQuery expanded = QueryExpander
			.configured(Expansion.MULTI_QUERY, 2, llm("openai", "what makes cats purr"), this.vectors)
			.expand(plan(SearchMode.SPARSE), null);

		assertThat(expanded.queries()).hasSize(2).allSatisfy(query -> assertThat(query.vector()).isNull());
		assertThat(this.embedder.queries()).isEmpty();
	}

	@Test
	void hydeKeepsTheQuestionForBm25AndEmbedsThePassageAsADocument() {
		ExpandedQuery expanded = QueryExpander
			.configured(Expansion.HYDE, 3, llm("openai", "Larynx muscles vibrate."), this.vectors)
			.expand(plan(SearchMode.DENSE), QUESTION);

		assertThat(expanded.queries()).singleElement().satisfies(query -> {
			assertThat(query.text()).isEqualTo("why do cats purr");
			assertThat(query.vector()).isNotSameAs(QUESTION);
		});
		assertThat(this.embedder.passages()).containsExactly("Larynx muscles vibrate.");
	}

	@Test
	void hydeIsSkippedWithAWarningForASparseSearch() {
		RecordingLlm llm = llm("openai", "passage");
		ExpandedQuery expanded = QueryExpander.configured(Expansion.HYDE, 3, llm, this.vectors)
			.expand(plan(SearchMode.SPARSE), null);

		assertThat(expanded.queries()).extracting(SearchQuery::text).containsExactly("why do cats purr");
		assertThat(expanded.warnings()).containsExactly(HydeExpansion.SPARSE_WARNING);
		assertThat(expanded.failed()).isFalse();
		assertThat(llm.prompts).isEmpty();
	}

	@Test
	void underTheExtractiveAnswererExpansionIsSkippedWithAWarningAndNoLlmCall() {
		RecordingLlm llm = llm("extractive", "unused");
		QueryExpander expander = QueryExpander.configured(Expansion.MULTI_QUERY, 3, llm, this.vectors);

		ExpandedQuery expanded = expander.expand(plan(SearchMode.HYBRID), QUESTION);

		assertThat(expanded.queries()).hasSize(1);
		assertThat(expanded.warnings()).singleElement()
			.satisfies(warning -> assertThat(warning).contains("multi-query").contains("extractive"));
		assertThat(llm.prompts).isEmpty();
		assertThat(expander.describe()).isEqualTo("multi-query(3)");
	}

	@Test
	void aFailedOrEmptyLlmReplyFallsBackToTheQuestionAsATransientFailure() {
		for (QueryExpander expander : List.of(
				QueryExpander.configured(Expansion.MULTI_QUERY, 3, llm("openai", null), this.vectors),
				QueryExpander.configured(Expansion.HYDE, 3, llm("openai", null), this.vectors),
				QueryExpander.configured(Expansion.HYDE, 3, llm("openai", "  "), this.vectors))) {
			ExpandedQuery expanded = expander.expand(plan(SearchMode.HYBRID), QUESTION);

			assertThat(expanded.queries()).singleElement().extracting(SearchQuery::vector).isSameAs(QUESTION);
			assertThat(expanded.warnings()).singleElement().satisfies(warning -> assertThat(warning).contains("failed"));
			assertThat(expanded.failed()).isTrue();
		}
	}

	private static QueryPlan plan(SearchMode mode) {
		return new QueryPlan("why do cats purr", 3, null, mode, new FusionSettings(Fusion.parse("rrf"), 0.5, 60, 10, 10));
	}

	private static RecordingLlm llm(String provider, @Nullable String reply) {
		return new RecordingLlm(provider, reply);
	}

	/** Answers complete() with a fixed text, or fails when it is null. */
	private static final class RecordingLlm implements LlmClient {

		final List<String> prompts = new ArrayList<>();

		private final String provider;

		private final @Nullable String reply;

		RecordingLlm(String provider, @Nullable String reply) {
			this.provider = provider;
			this.reply = reply;
		}

		@Override
		public LlmAnswer generate(LlmRequest request) {
			throw new UnsupportedOperationException("expansion completes, it does not generate");
		}

		@Override
		public LlmAnswer complete(String prompt) {
			this.prompts.add(prompt);
			if (this.reply == null) {
				throw new RemoteCallException("llm", "down", 503, true, null, null, null);
			}
			return new LlmAnswer(this.reply, 1, 1);
		}

		@Override
		public String provider() {
			return this.provider;
		}

		@Override
		public String model() {
			return "m";
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

}
