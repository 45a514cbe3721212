package io.ragwell.rank;

import java.util.List;

/**
 * How {@link RelativeScoreFusion} puts one list's scores on a common scale before mixing them. Every variant
 * maps a list's worst score to 0 or above and an id the list does not hold contributes 0, so "missing" never
 * ranks above "present but worst".
 */
public enum ScoreNormalization {

	/**
	 * {@code (s - min) / (max - min)}: the best entry 1, the worst 0 (Weaviate's relative-score fusion). A list
	 * whose scores are all equal normalises every entry to 1. It trusts the list's two extremes: one outlier at
	 * the top squeezes every other entry towards 0.
	 */
	MIN_MAX {
		@Override
		double[] normalise(List<Scored> entries) {
			Stats stats = Stats.of(entries);
			double width = stats.max - stats.min;
			double[] normalised = new double[entries.size()];
			for (int i = 0; i < normalised.length; i++) {
				normalised[i] = (width > 0.0) ? (entries.get(i).score() - stats.min) / width : 1.0;
			}
			return normalised;
		}
	},

	/**
	 * The z-score, shifted so the list's worst entry scores 0: {@code (s - min) / sd}. The shift keeps an id
	 * missing from the list (0) no better than the worst entry it holds; the scale is the spread of the whole
	 * list rather than its two extremes, so a top outlier keeps its lead instead of compressing the rest. A
	 * list whose scores are all equal normalises every entry to 1.
	 */
	Z_SCORE {
		@Override
		double[] normalise(List<Scored> entries) {
			Stats stats = Stats.of(entries);
			double[] normalised = new double[entries.size()];
			for (int i = 0; i < normalised.length; i++) {
				normalised[i] = (stats.sd > 0.0) ? (entries.get(i).score() - stats.min) / stats.sd : 1.0;
			}
			return normalised;
		}
	},

	/**
	 * Distribution-based score fusion (Qdrant's DBSF): the list's mean plus and minus three standard deviations
	 * map to 1 and 0, {@code (s - (mean - 3 sd)) / (6 sd)}, clipped to [0, 1]. A list whose scores are all equal
	 * normalises every entry to 1.
	 */
	DISTRIBUTION {
		@Override
		double[] normalise(List<Scored> entries) {
			Stats stats = Stats.of(entries);
			double low = stats.mean - 3.0 * stats.sd;
			double[] normalised = new double[entries.size()];
			for (int i = 0; i < normalised.length; i++) {
				normalised[i] = (stats.sd > 0.0)
						? Math.clamp((entries.get(i).score() - low) / (6.0 * stats.sd), 0.0, 1.0) : 1.0;
			}
			return normalised;
		}
	};

	/**
	 * @param entries one list's entries (every occurrence counts towards its statistics)
	 * @return the normalised score of each entry, in the order given, each 0 or more
	 */
	abstract double[] normalise(List<Scored> entries);

	/**
	 * @param value {@code min-max}, {@code z-score} or {@code distribution} (also {@code dbsf}), any case,
	 * underscores for hyphens
	 * @return the normalisation
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static ScoreNormalization parse(String value) {
		return switch (value.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
			case "min-max", "minmax" -> MIN_MAX;
			case "z-score", "zscore" -> Z_SCORE;
			case "distribution", "dbsf" -> DISTRIBUTION;
			default -> throw new IllegalArgumentException(
					"normalization must be one of min-max, z-score, distribution; was '" + value + "'");
		};
	}

	/** The name {@link #parse} reads: {@code min-max}, {@code z-score} or {@code distribution}. */
	public String label() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/** Minimum, maximum, mean and population standard deviation of a list's scores. */
	private record Stats(double min, double max, double mean, double sd) {

		static Stats of(List<Scored> entries) {
			if (entries.isEmpty()) {
				return new Stats(0.0, 0.0, 0.0, 0.0);
			}
			double min = Double.POSITIVE_INFINITY;
			double max = Double.NEGATIVE_INFINITY;
			double sum = 0.0;
			for (Scored entry : entries) {
				min = Math.min(min, entry.score());
				max = Math.max(max, entry.score());
				sum += entry.score();
			}
			double mean = sum / entries.size();
			double squares = 0.0;
			for (Scored entry : entries) {
				double d = entry.score() - mean;
				squares += d * d;
			}
			return new Stats(min, max, mean, Math.sqrt(squares / entries.size()));
		}

	}

}
