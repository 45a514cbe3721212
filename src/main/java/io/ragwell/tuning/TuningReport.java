package io.ragwell.tuning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ragwell.query.plan.RetrievalSettings;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code POST /tuning} run found and did.
 *
 * @param status {@code applied} (the best settings replaced the current ones), {@code kept} (they did not) or
 * {@code dry-run} (the search ran, nothing was applied)
 * @param reason why, in a sentence
 * @param judgedQueries judged questions used (tuning plus held-out)
 * @param tuningQueries those the best settings were chosen on
 * @param heldOutQueries those the choice was checked on
 * @param minJudgedQueries judged questions needed before anything is applied
 * @param minHeldOut held-out questions needed
 * @param margin mean nDCG@10 the winner must add on the held-out part
 * @param gridSize settings scored
 * @param current the settings in force when the run started, and their scores (null scores: not scored, too few
 * judgments)
 * @param best the best settings on the tuning part, or null when nothing was scored
 * @param top the best few settings on the tuning part, best first
 * @param feedback how the feedback became judgments
 * @param elapsedMs the run's wall time
 */
public record TuningReport(String status, String reason, int judgedQueries, int tuningQueries, int heldOutQueries,
		int minJudgedQueries, int minHeldOut, double margin, int gridSize, Candidate current,
		@Nullable Candidate best, List<Candidate> top, FeedbackStats feedback, long elapsedMs) {

	public TuningReport {
		top = List.copyOf(top);
	}

	/**
	 * @param settings the settings
	 * @param tuningNdcgAt10 mean nDCG@10 on the tuning part, or null when not scored
	 * @param heldOutNdcgAt10 mean nDCG@10 on the held-out part, or null when not scored
	 */
	public record Candidate(RetrievalSettings settings,
			@JsonProperty("tuning_ndcg_at_10") @Nullable Double tuningNdcgAt10,
			@JsonProperty("held_out_ndcg_at_10") @Nullable Double heldOutNdcgAt10) {
	}

	/**
	 * @param records feedback records read
	 * @param joined records joined to a logged question and a returned source
	 * @param unmatched records whose {@code query_id} the query log does not have
	 * @param withoutSources records naming no returned source
	 * @param withoutRelevant questions left out for having no source rated relevant
	 * @param capped questions left out by {@code ragwell.tuning.max-queries}
	 */
	public record FeedbackStats(int records, int joined, int unmatched, int withoutSources, int withoutRelevant,
			int capped) {
	}

}
