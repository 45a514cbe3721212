package io.ragwell.query.plan;

import java.util.Locale;

/** How the dense and sparse lists of a hybrid search become one ranking. */
public enum Fusion {

	/** {@link ReciprocalRankFusion}: ranks only, constant {@code k}. */
	RRF,
	/** {@link RelativeScoreFusion}: min-max normalised scores mixed by {@code alpha}. */
	WEIGHTED;

	/**
	 * @param value {@code rrf} or {@code weighted}, any case
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static Fusion parse(String value) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "rrf" -> RRF;
			// "relative-score" is the same fusion under the name Weaviate and the evaluation docs use.
			case "weighted", "relative-score" -> WEIGHTED;
			default -> throw new IllegalArgumentException("fusion must be one of rrf, weighted; was '" + value + "'");
		};
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
