package io.ragwell.rank;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ScoreNormalizationTests {

	// One outlier on top: mean 3, population standard deviation sqrt(12.4).
	private static final List<Scored> OUTLIER = scored(10.0, 2.0, 1.0, 1.0, 1.0);

	@Test
	void minMaxMapsTheExtremesToOneAndZero() {
		assertThat(ScoreNormalization.MIN_MAX.normalise(OUTLIER)).containsExactly(1.0, 1.0 / 9, 0.0, 0.0, 0.0);
	}

	@Test
	void zScoreIsShiftedSoTheWorstEntryScoresZero() {
		double sd = Math.sqrt(12.4);

		double[] normalised = ScoreNormalization.Z_SCORE.normalise(OUTLIER);

		assertThat(normalised[0]).isCloseTo(9.0 / sd, within(1e-12));
		assertThat(normalised[1]).isCloseTo(1.0 / sd, within(1e-12));
		assertThat(normalised[4]).isZero();
		// The spread, not the outlier, sets the scale: the runner-up keeps more than min-max leaves it.
		assertThat(normalised[1]).isGreaterThan(ScoreNormalization.MIN_MAX.normalise(OUTLIER)[1] * 2);
	}

	@Test
	void distributionMapsMeanPlusAndMinusThreeDeviationsToOneAndZero() {
		double sd = Math.sqrt(2.0 / 3);

		double[] normalised = ScoreNormalization.DISTRIBUTION.normalise(scored(3.0, 2.0, 1.0));

		assertThat(normalised[1]).isCloseTo(0.5, within(1e-12));
		assertThat(normalised[0]).isCloseTo((3.0 - (2.0 - 3 * sd)) / (6 * sd), within(1e-12));
		assertThat(normalised[2]).isCloseTo(1.0 - normalised[0], within(1e-12));
	}

	@Test
	void distributionClipsAScoreBeyondThreeDeviations() {
		List<Double> scores = new ArrayList<>();
		scores.add(100.0);
		for (int i = 0; i < 19; i++) {
			scores.add(0.0);
		}
		// mean 5, sd sqrt(475): 100 lies 4.4 deviations above the mean.
		double[] normalised = ScoreNormalization.DISTRIBUTION
			.normalise(scored(scores.stream().mapToDouble(Double::doubleValue).toArray()));

		assertThat(normalised[0]).isEqualTo(1.0);
		assertThat(normalised[1]).isCloseTo((0.0 - (5.0 - 3 * Math.sqrt(475))) / (6 * Math.sqrt(475)), within(1e-12));
	}

	@Test
	void equalScoresNormaliseToOneAndAnEmptyListToNothing() {
		for (ScoreNormalization normalization : ScoreNormalization.values()) {
			assertThat(normalization.normalise(scored(0.4, 0.4))).as(normalization.label()).containsExactly(1.0, 1.0);
			assertThat(normalization.normalise(List.of())).as(normalization.label()).isEmpty();
		}
	}

	@Test
	void theNormalisationChangesTheFusedOrder() {
		// Dense has an outlier on top; "b" is its runner-up, "s" the best of a flat sparse list it lacks.
		List<Scored> dense = List.of(new Scored("a", 10.0), new Scored("b", 2.0), new Scored("c", 1.0),
				new Scored("d", 1.0), new Scored("e", 1.0));
		List<Scored> sparse = List.of(new Scored("s", 5.0), new Scored("t", 4.9), new Scored("u", 4.8),
				new Scored("v", 4.7), new Scored("w", 4.6));

		// Min-max: a = .5 * 1 and s = .5 * 1 tie (by id: a first). z-score widens the flat sparse list (sd .14)
		// far more than the dense one (sd 3.5): s = .5 * .4/.141 = 1.41 leads a = .5 * 9/3.52 = 1.28.
		List<String> minMax = ids(RelativeScoreFusion.fuseIds(dense, sparse, 0.5, 10, ScoreNormalization.MIN_MAX));
		List<String> zScore = ids(RelativeScoreFusion.fuseIds(dense, sparse, 0.5, 10, ScoreNormalization.Z_SCORE));

		assertThat(minMax).startsWith("a", "s", "t", "u", "v", "b");
		assertThat(zScore).startsWith("s", "a", "t", "u", "v", "b");
		// An id missing from a list contributes 0 for it, like the list's worst entry.
		assertThat(RelativeScoreFusion.fuseIds(dense, sparse, 0.5, 10, ScoreNormalization.Z_SCORE))
			.filteredOn(fused -> fused.id().equals("w") || fused.id().equals("c"))
			.extracting(Fused::score)
			.containsOnly(0.0);
	}

	@Test
	void minMaxIsTheDefaultOfRelativeScoreFusion() {
		List<Scored> dense = List.of(new Scored("a", 0.9), new Scored("b", 0.6), new Scored("c", 0.5));
		List<Scored> sparse = List.of(new Scored("c", 12.0), new Scored("a", 3.0));

		assertThat(RelativeScoreFusion.fuseIds(dense, sparse, 0.3, 10))
			.isEqualTo(RelativeScoreFusion.fuseIds(dense, sparse, 0.3, 10, ScoreNormalization.MIN_MAX));
	}

	@Test
	void parsesTheSettingsSpellingAndRejectsOthers() {
		assertThat(ScoreNormalization.parse("min-max")).isEqualTo(ScoreNormalization.MIN_MAX);
		assertThat(ScoreNormalization.parse(" Z_SCORE ")).isEqualTo(ScoreNormalization.Z_SCORE);
		assertThat(ScoreNormalization.parse("dbsf")).isEqualTo(ScoreNormalization.DISTRIBUTION);
		for (ScoreNormalization normalization : ScoreNormalization.values()) {
			assertThat(ScoreNormalization.parse(normalization.label())).isEqualTo(normalization);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ScoreNormalization.parse("l2"))
			.withMessageContaining("min-max, z-score, distribution");
	}

	private static List<Scored> scored(double... scores) {
		List<Scored> list = new ArrayList<>();
		for (int i = 0; i < scores.length; i++) {
			list.add(new Scored("id" + i, scores[i]));
		}
		return list;
	}

	private static List<String> ids(List<Fused> fused) {
		return fused.stream().map(Fused::id).toList();
	}

}
