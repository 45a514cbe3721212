package io.ragwell.query.plan;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A namespace's tuned retrieval settings as stored: the settings in force and the ones they replaced, so a
 * revert needs nothing else. Neither present means the configured defaults apply.
 *
 * @param current the settings the query path applies, or null for the configured defaults
 * @param previous what {@code current} replaced (null: the configured defaults); {@code DELETE /tuning} goes back
 * to it
 */
public record TuningState(@Nullable Applied current, @Nullable Applied previous) {

	/** No tuned settings. */
	public static final TuningState NONE = new TuningState(null, null);

	/**
	 * Settings a tuning run applied, with the evidence for them.
	 *
	 * @param settings the settings
	 * @param heldOutNdcgAt10 their mean nDCG@10 on the held-out feedback queries of the run that chose them
	 * @param replacedHeldOutNdcgAt10 the replaced settings' nDCG@10 on the same queries
	 * @param tuningNdcgAt10 their nDCG@10 on the queries the run chose on
	 * @param judgedQueries feedback queries the run used in all (tuning plus held-out)
	 * @param appliedAt when they were applied
	 */
	public record Applied(RetrievalSettings settings, double heldOutNdcgAt10, double replacedHeldOutNdcgAt10,
			double tuningNdcgAt10, int judgedQueries, Instant appliedAt) {
	}

}
