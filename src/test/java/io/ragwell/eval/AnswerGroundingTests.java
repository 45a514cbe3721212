package io.ragwell.eval;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import io.ragwell.eval.AnswerGrounding.Statement;
import io.ragwell.eval.AnswerMetrics.SentenceRef;
import io.ragwell.eval.ClaimsDataset.Claim;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerGroundingTests {

	private static final List<String> ABSTRACT = List.of("Penguins breed in winter.",
			"Males huddle together to keep the eggs warm for two months.", "Females return to feed the chicks.",
			"Methods.");

	@Test
	void splitsAnExtractiveAnswerIntoItsQuotedSentencesAndTheirSources() {
		List<Statement> statements = AnswerGrounding.statements(
				"Penguins breed in winter [1]. Males huddle together to keep the eggs warm [2]. Uncited tail.");

		assertThat(statements).containsExactly(new Statement("Penguins breed in winter", List.of(1)),
				new Statement("Males huddle together to keep the eggs warm", List.of(2)));
	}

	@Test
	void readsAdjacentAndCommaSeparatedCitationsOfAGenerativeAnswer() {
		assertThat(AnswerGrounding.statements("Males keep the eggs warm [1][3], females feed chicks [2, 4]."))
			.containsExactly(new Statement("Males keep the eggs warm", List.of(1, 3)),
					new Statement(", females feed chicks", List.of(2, 4)));
	}

	@Test
	void mapsAQuoteToItsSentenceAndAParaphraseToTheSentenceItOverlapsMost() {
		assertThat(AnswerGrounding.matchingSentences("Males huddle together to keep the eggs warm for two months",
				ABSTRACT)).containsExactly(1);
		assertThat(AnswerGrounding.matchingSentences("the males huddle to keep eggs warm together", ABSTRACT))
			.containsExactly(1);
	}

	@Test
	void mapsAStatementJoiningTwoSentencesToBothButNotToAOneWordHeading() {
		assertThat(AnswerGrounding.matchingSentences(
				"Penguins breed in winter. Males huddle together to keep the eggs warm for two months. Methods",
				ABSTRACT)).containsExactlyInAnyOrder(0, 1);
	}

	@Test
	void mapsAnUnrelatedStatementToNothing() {
		assertThat(AnswerGrounding.matchingSentences("The capital of France is Paris", ABSTRACT)).isEmpty();
	}

	@Test
	void countsAStatementThatIsNoSentenceOfTheCitedAbstractAndACitationOfAMissingSourceAsCitedSentences() {
		ClaimsDataset claims = new ClaimsDataset(List.of(), Map.of("p", ABSTRACT));
		List<SearchResult> sources = List.of(new SearchResult(
				new Chunk("p#0", "p", "Penguins\n\n" + String.join(" ", ABSTRACT), 0, Map.of(), 0, null, "h"), 1.0, 1,
				null, null));

		Set<SentenceRef> cited = AnswerEvaluator.cited(
				"Penguins [1]. Females return to feed the chicks [1]. Paris is lovely [7].", sources, claims);

		assertThat(cited).containsExactlyInAnyOrder(new SentenceRef("p", -1), new SentenceRef("p", 2),
				new SentenceRef("", -3));
	}

	@Test
	void scoresHitsPrecisionAndAbstentionsAndTheirCurveOverTheThreshold() {
		Claim supported = new Claim("1", "males keep eggs warm", "SUPPORT", Map.of("p", Set.of(1)));
		Claim contradicted = new Claim("2", "females keep eggs warm", "CONTRADICT", Map.of("p", Set.of(1, 2)));
		Claim nei = new Claim("3", "penguins fly", Claim.NOT_ENOUGH_INFO, Map.of());
		Claim nei2 = new Claim("4", "penguins sing", Claim.NOT_ENOUGH_INFO, Map.of());
		List<AnswerMetrics.Outcome> outcomes = List.of(
				new AnswerMetrics.Outcome(supported, false, 0.9, Set.of(new SentenceRef("p", 1), new SentenceRef("p", 0))),
				new AnswerMetrics.Outcome(contradicted, false, 0.6, Set.of(new SentenceRef("p", 3))),
				new AnswerMetrics.Outcome(nei, true, 0.3, Set.of()),
				new AnswerMetrics.Outcome(nei2, false, 0.7, Set.of(new SentenceRef("p", 0))));

		AnswerMetrics.Rates asRun = AnswerMetrics.score(outcomes);
		assertThat(asRun.evidenceHit()).isEqualTo(0.5);
		assertThat(asRun.citationPrecision()).isEqualTo(0.3333);
		assertThat(asRun.abstainRateNei()).isEqualTo(0.5);
		assertThat(asRun.falseAbstainRate()).isZero();

		// At 0.65 the contradicted claim (0.6) is declined too, and so is nothing else among the answerable.
		AnswerMetrics.Rates stricter = AnswerMetrics.scoreAt(outcomes, 0.65);
		assertThat(stricter.evidenceHit()).isEqualTo(0.5);
		assertThat(stricter.citationPrecision()).isEqualTo(0.5);
		assertThat(stricter.abstainRateNei()).isEqualTo(0.5);
		assertThat(stricter.falseAbstainRate()).isEqualTo(0.5);
		assertThat(AnswerMetrics.scoreAt(outcomes, 0.75).abstainRateNei()).isEqualTo(1.0);

		List<AnswerMetrics.Rates> curve = AnswerMetrics.curve(outcomes, 0.5, 1.0, 0.25);
		assertThat(curve).extracting(AnswerMetrics.Rates::threshold).containsExactly(0.5, 0.75, 1.0);
		assertThat(curve.get(2).falseAbstainRate()).isEqualTo(1.0);
		assertThat(curve.get(2).citationPrecision()).isNaN();
	}

}
