package io.ragwell.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ragwell.core.SearchMode;
import io.ragwell.query.log.QueryLogEntry;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.RetrievalSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackJudgmentsTests {

	private static final RetrievalSettings SPARSE = new RetrievalSettings(SearchMode.SPARSE, Fusion.WEIGHTED, 0.5, 60,
			100);

	private static QueryLogEntry logged(String id, String namespace, String question, String... documents) {
		return new QueryLogEntry(id, namespace, question, SPARSE,
				java.util.Arrays.stream(documents).map((d) -> new QueryLogEntry.Source(d + "#0", d)).toList(),
				Instant.EPOCH);
	}

	private static Feedback rating(String queryId, String namespace, String rating, int second, String... sources) {
		return new Feedback("f-" + queryId + second, queryId, namespace, rating, List.of(sources), null,
				Instant.ofEpochSecond(second));
	}

	@Test
	void upMarksReturnedDocumentsRelevantAndDownMarksThemNot() {
		FeedbackJudgments.Result result = FeedbackJudgments.join(
				List.of(rating("q1", "ns", "up", 1, "a#0"), rating("q1", "ns", "down", 2, "b#0", "c")),
				Map.of("q1", logged("q1", "ns", "Why is the sky blue?", "a", "b", "c")), 100);
		assertThat(result.judgments()).singleElement().satisfies((judgment) -> {
			assertThat(judgment.question()).isEqualTo("Why is the sky blue?");
			assertThat(judgment.grades()).isEqualTo(Map.of("a", 1, "b", 0, "c", 0));
		});
		assertThat(result.joined()).isEqualTo(2);
	}

	@Test
	void idsThatWereNotReturnedAnotherNamespacesQueryAndUnknownIdsJudgeNothing() {
		FeedbackJudgments.Result result = FeedbackJudgments.join(
				List.of(rating("q1", "ns", "up", 1, "never-returned#0"), rating("q2", "ns", "up", 2, "a#0"),
						rating("q3", "ns", "up", 3, "a#0"), rating("q4", "ns", "up", 4)),
				Map.of("q1", logged("q1", "ns", "one", "a"), "q2", logged("q2", "other", "two", "a"), "q4",
						logged("q4", "ns", "four", "a")),
				100);
		assertThat(result.judgments()).isEmpty();
		assertThat(result.unmatched()).as("another namespace's entry and an unknown id").isEqualTo(2);
		assertThat(result.withoutSources()).as("a foreign source id and no source ids").isEqualTo(2);
	}

	@Test
	void theSameQuestionAskedTwiceIsOneJudgmentWhoseLatestRatingWins() {
		FeedbackJudgments.Result result = FeedbackJudgments.join(
				List.of(rating("q1", "ns", "up", 1, "a#0"), rating("q2", "ns", "down", 2, "a#0"),
						rating("q2", "ns", "up", 3, "b#0")),
				Map.of("q1", logged("q1", "ns", "Why is the sky blue?", "a"), "q2",
						logged("q2", "ns", "  why is the SKY   blue? ", "a", "b")),
				100);
		assertThat(result.judgments()).singleElement()
			.satisfies((judgment) -> assertThat(judgment.grades()).isEqualTo(Map.of("a", 0, "b", 1)));
	}

	@Test
	void questionsWithoutARelevantDocumentAreLeftOutAndTheCapKeepsTheLatest() {
		FeedbackJudgments.Result result = FeedbackJudgments.join(
				List.of(rating("q1", "ns", "up", 1, "a#0"), rating("q2", "ns", "up", 5, "a#0"),
						rating("q3", "ns", "down", 9, "a#0")),
				Map.of("q1", logged("q1", "ns", "old", "a"), "q2", logged("q2", "ns", "new", "a"), "q3",
						logged("q3", "ns", "only down", "a")),
				1);
		assertThat(result.judgments()).extracting(FeedbackJudgments.Judgment::question).containsExactly("new");
		assertThat(result.withoutRelevant()).isEqualTo(1);
		assertThat(result.capped()).isEqualTo(1);
	}

}
