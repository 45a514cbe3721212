package io.ragwell.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.rank.ScoreNormalization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FusionSweepTests {

	private static final List<JudgedQuery> QUERIES = List.of(new JudgedQuery("q1", "one", Map.of("x", 1)),
			new JudgedQuery("q2", "two", Map.of("w", 1)));

	// q1: dense prefers the relevant x, BM25 an outlier y; q2: BM25's runner-up w is the relevant one.
	private static final List<FusionSweep.Lists> LISTS = List.of(
			new FusionSweep.Lists(ranked(List.of("x", "y", "z"), 0.9, 0.8, 0.1), ranked(List.of("y", "x", "u"), 10, 1, 0.5)),
			new FusionSweep.Lists(ranked(List.of("w", "v"), 0.5, 0.4), ranked(List.of("v", "w", "t"), 3, 2, 1.9)));

	private static final FusionSweep.Setting BASELINE = new FusionSweep.Setting(FusionSweep.RELATIVE_SCORE, 0.5, 200,
			FusionSweep.CHUNK, ScoreNormalization.MIN_MAX);

	@Test
	void scoresEveryNormalisationAndComparesEachSettingWithTheBaselineQueryByQuery() {
		List<FusionSweep.Point> points = FusionSweep.run(QUERIES, LISTS, 10, BASELINE);

		// 3 depths x 2 levels x (6 RRF k + 3 normalisations x 7 alphas); the baseline is one of them.
		assertThat(points).hasSize(162);
		assertThat(points).extracting(FusionSweep.Point::normalization)
			.contains("rank", "min-max", "z-score", "distribution");
		FusionSweep.Point baseline = find(points, BASELINE);
		assertThat(baseline.pairedDelta()).isZero();
		assertThat(baseline.pairedStandardError()).isZero();
		assertThat(baseline.better() + baseline.worse()).isZero();
		for (FusionSweep.Point point : points) {
			FusionSweep.Setting setting = new FusionSweep.Setting(point.fusion(), point.parameter(), point.candidates(),
					point.level(), "rank".equals(point.normalization()) ? ScoreNormalization.MIN_MAX
							: ScoreNormalization.parse(point.normalization()));
			FusionSweep.Paired paired = FusionSweep.Paired.of(FusionSweep.score(QUERIES, LISTS, 10, setting),
					FusionSweep.score(QUERIES, LISTS, 10, BASELINE));
			assertThat(point.pairedDelta()).isCloseTo(point.ndcgAt10() - baseline.ndcgAt10(), within(2e-4));
			assertThat(point.better()).isEqualTo(paired.better());
			assertThat(point.worse()).isEqualTo(paired.worse());
		}
		// Some setting differs from the baseline on some query, or the comparison would show nothing.
		assertThat(points).anySatisfy(point -> assertThat(point.better() + point.worse()).isPositive());
	}

	@Test
	void theNormalisationChangesWhatTheSweepMeasures() {
		// q2's dense scores are close (.5, .4): min-max stretches them to 1 and 0, enough for the relevant w to
		// stay first; the z-score gives BM25's top v (2.2 deviations up) the lead.
		FusionSweep.Setting minMax = new FusionSweep.Setting(FusionSweep.RELATIVE_SCORE, 0.5, 200, FusionSweep.CHUNK,
				ScoreNormalization.MIN_MAX);
		FusionSweep.Setting zScore = new FusionSweep.Setting(FusionSweep.RELATIVE_SCORE, 0.5, 200, FusionSweep.CHUNK,
				ScoreNormalization.Z_SCORE);

		assertThat(FusionSweep.score(QUERIES, LISTS, 10, minMax).perQuery())
			.isNotEqualTo(FusionSweep.score(QUERIES, LISTS, 10, zScore).perQuery());
	}

	@Test
	void aBaselineOutsideTheGridIsScoredFirstAmongEquals() {
		FusionSweep.Setting odd = new FusionSweep.Setting(FusionSweep.RELATIVE_SCORE, 0.55, 150, FusionSweep.CHUNK,
				ScoreNormalization.MIN_MAX);

		List<FusionSweep.Point> points = FusionSweep.run(QUERIES, LISTS, 10, odd);

		assertThat(points).hasSize(163);
		assertThat(find(points, odd).pairedDelta()).isZero();
	}

	@Test
	void pairedDifferencesHaveTheSampleStandardErrorOfTheirMean() {
		Evaluator.Scores base = scores(0.5, 0.5, 0.2);
		Evaluator.Scores other = scores(0.6, 0.4, 0.5);

		FusionSweep.Paired paired = FusionSweep.Paired.of(other, base);

		// Differences .1, -.1, .3: mean .1, sample sd .2, standard error .2 / sqrt(3).
		assertThat(paired.mean()).isCloseTo(0.1, within(1e-12));
		assertThat(paired.standardError()).isCloseTo(0.2 / Math.sqrt(3), within(1e-12));
		assertThat(paired.better()).isEqualTo(2);
		assertThat(paired.worse()).isEqualTo(1);
	}

	@Test
	void theBaselineIsTheConfiguredFusionAtTheDepthTheConfiguredRunReads() {
		assertThat(Evaluator.baseline(new FusionSettings(Fusion.WEIGHTED, 0.7, 60, 100, 100)))
			.isEqualTo(new FusionSweep.Setting(FusionSweep.RELATIVE_SCORE, 0.7, 200, FusionSweep.CHUNK,
					ScoreNormalization.MIN_MAX));
		assertThat(Evaluator.baseline(new FusionSettings(Fusion.RRF, 0.5, 10, 100, 100)))
			.isEqualTo(new FusionSweep.Setting(FusionSweep.RRF, 10, 200, FusionSweep.CHUNK, ScoreNormalization.MIN_MAX));
	}

	private static FusionSweep.Point find(List<FusionSweep.Point> points, FusionSweep.Setting setting) {
		return points.stream()
			.filter(point -> point.fusion().equals(setting.fusion()) && point.parameter() == setting.parameter()
					&& point.candidates() == setting.candidates() && point.level().equals(setting.level())
					&& point.normalization().equals(setting.normalization().label()))
			.findFirst()
			.orElseThrow();
	}

	private static Evaluator.Scores scores(double... ndcg) {
		List<EvaluationReport.QueryScore> perQuery = new ArrayList<>();
		for (int i = 0; i < ndcg.length; i++) {
			perQuery.add(new EvaluationReport.QueryScore("q" + i, ndcg[i], 1.0, 1.0, List.of()));
		}
		return new Evaluator.Scores(0, 0, 0, 0, perQuery);
	}

	private static List<SearchResult> ranked(List<String> documents, double... scores) {
		List<SearchResult> results = new ArrayList<>();
		for (int i = 0; i < documents.size(); i++) {
			Chunk chunk = new Chunk(documents.get(i) + "#0", documents.get(i), "text", 0, Map.of(), 1, null, "h");
			results.add(new SearchResult(chunk, scores[i], i + 1, null, null));
		}
		return results;
	}

}
