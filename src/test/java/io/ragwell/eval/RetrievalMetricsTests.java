package io.ragwell.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Every expected value is computed by hand (the arithmetic is in the comments). */
class RetrievalMetricsTests {

	private static final double EPS = 1e-12;

	@Test
	void ndcgUsesLinearGradesAndTheLog2Discount() {
		Map<String, Integer> grades = Map.of("a", 2, "b", 1, "c", 0);
		// DCG = 0/log2(2) + 2/log2(3) + 1/log2(4); ideal = 2/log2(2) + 1/log2(3).
		double expected = (2 / log2(3) + 1 / log2(4)) / (2 + 1 / log2(3));
		assertThat(RetrievalMetrics.ndcgAt(List.of("x", "a", "b"), grades, 10)).isCloseTo(expected, within(EPS))
			.isCloseTo(0.66967181649423, within(1e-12));
		// The less relevant document first: DCG = 1 + 2/log2(3), ideal as above.
		assertThat(RetrievalMetrics.ndcgAt(List.of("b", "a"), grades, 10)).isCloseTo(0.8597186998521972,
				within(1e-12));
		assertThat(RetrievalMetrics.ndcgAt(List.of("a", "b", "c"), grades, 10)).isCloseTo(1.0, within(EPS));
	}

	@Test
	void ndcgIdealRankingIsCutAtKToo() {
		// Twelve relevant documents, all retrieved first: the ideal DCG@10 has ten of them, so nDCG@10 is 1.
		Map<String, Integer> grades = new HashMap<>();
		List<String> ranking = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			grades.put("d" + i, 1);
			ranking.add("d" + i);
		}
		assertThat(RetrievalMetrics.ndcgAt(ranking, grades, 10)).isCloseTo(1.0, within(EPS));
		assertThat(RetrievalMetrics.recallAt(ranking, grades, 10)).isCloseTo(10 / 12.0, within(EPS));
	}

	@Test
	void aQueryWithNoRelevantDocumentRetrievedScoresZeroEverywhere() {
		Map<String, Integer> grades = Map.of("a", 1);
		List<String> ranking = List.of("x", "y", "z");
		assertThat(RetrievalMetrics.ndcgAt(ranking, grades, 10)).isZero();
		assertThat(RetrievalMetrics.recallAt(ranking, grades, 100)).isZero();
		assertThat(RetrievalMetrics.reciprocalRankAt(ranking, grades, 10)).isZero();
		assertThat(RetrievalMetrics.ndcgAt(List.of(), grades, 10)).isZero();
	}

	@Test
	void gradeZeroJudgmentsAreNotRelevant() {
		Map<String, Integer> grades = Map.of("a", 0, "b", 1);
		assertThat(RetrievalMetrics.reciprocalRankAt(List.of("a", "b"), grades, 10)).isCloseTo(0.5, within(EPS));
		assertThat(RetrievalMetrics.recallAt(List.of("a"), grades, 10)).isZero();
		assertThat(RetrievalMetrics.ndcgAt(List.of("a"), Map.of("a", 0), 10)).isZero();
	}

	@Test
	void duplicatesCountOnceAtTheirFirstPosition() {
		Map<String, Integer> grades = Map.of("a", 1, "b", 1);
		// Distinct top 2 is [a, b]: both found, ideal order.
		List<String> ranking = List.of("a", "a", "b");
		assertThat(RetrievalMetrics.recallAt(ranking, grades, 2)).isCloseTo(1.0, within(EPS));
		assertThat(RetrievalMetrics.ndcgAt(ranking, grades, 2)).isCloseTo(1.0, within(EPS));
		// A repeated irrelevant document does not push the relevant one down: 1/2, not 1/3.
		assertThat(RetrievalMetrics.reciprocalRankAt(List.of("x", "x", "a"), grades, 10)).isCloseTo(0.5, within(EPS));
	}

	@Test
	void cutOffsExcludeDocumentsBelowK() {
		Map<String, Integer> grades = Map.of("r", 1, "s", 1);
		List<String> ranking = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ranking.add("x" + i);
		}
		ranking.add("r");
		assertThat(RetrievalMetrics.reciprocalRankAt(ranking, grades, 10)).isZero();
		assertThat(RetrievalMetrics.recallAt(ranking, grades, 10)).isZero();
		assertThat(RetrievalMetrics.recallAt(ranking, grades, 100)).isCloseTo(0.5, within(EPS));
		assertThat(RetrievalMetrics.reciprocalRankAt(ranking, grades, 11)).isCloseTo(1 / 11.0, within(EPS));
	}

	@Test
	void documentsRankByTheirBestChunkAndTiesKeepRetrievalOrder() {
		// Three equal scores: order is the order of first appearance, d1 before d2; d1's second chunk adds nothing.
		List<SearchResult> chunks = List.of(result("d1", 0, 0.5, 1), result("d2", 0, 0.5, 2), result("d1", 1, 0.5, 3),
				result("d3", 0, 0.2, 4));
		assertThat(RetrievalMetrics.documentRanking(chunks)).containsExactly("d1", "d2", "d3");
		assertThat(RetrievalMetrics.documentRanking(List.of())).isEmpty();
	}

	@Test
	void percentilesUseNearestRank() {
		List<Double> hundred = new ArrayList<>();
		for (int i = 100; i >= 1; i--) {
			hundred.add((double) i);
		}
		assertThat(RetrievalMetrics.percentile(hundred, 50)).isEqualTo(50.0);
		assertThat(RetrievalMetrics.percentile(hundred, 99)).isEqualTo(99.0);
		assertThat(RetrievalMetrics.percentile(List.of(5.0, 1.0, 3.0, 2.0), 50)).isEqualTo(2.0);
		assertThat(RetrievalMetrics.percentile(List.of(7.0), 99)).isEqualTo(7.0);
		assertThat(RetrievalMetrics.percentile(List.of(), 50)).isZero();
	}

	@Test
	void invalidCutOffsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RetrievalMetrics.ndcgAt(List.of(), Map.of("a", 1), 0));
		assertThatIllegalArgumentException().isThrownBy(() -> RetrievalMetrics.percentile(List.of(1.0), 0));
	}

	@Test
	void reportAveragesEveryQueryEqually() {
		// Query 1: relevant at rank 1 (nDCG 1, RR 1); query 2: nothing found (all 0). Means are halves.
		List<JudgedQuery> queries = List.of(new JudgedQuery("1", "q1", Map.of("a", 1)),
				new JudgedQuery("2", "q2", Map.of("b", 1)));
		Evaluator.Scores scores = Evaluator.score(queries, List.of(List.of("a", "x"), List.of("x", "y")));
		assertThat(scores.ndcg()).isEqualTo(0.5);
		assertThat(scores.mrr()).isEqualTo(0.5);
		assertThat(scores.recall10()).isEqualTo(0.5);
		assertThat(scores.recall100()).isEqualTo(0.5);
		assertThat(scores.perQuery()).extracting(EvaluationReport.QueryScore::id).containsExactly("1", "2");
	}

	private static SearchResult result(String documentId, int position, double score, int rank) {
		Chunk chunk = new Chunk(Chunk.idFor(documentId, position), documentId, "text", position, Map.of(), 1, null,
				"hash");
		return new SearchResult(chunk, score, rank, score, null);
	}

	private static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

}
