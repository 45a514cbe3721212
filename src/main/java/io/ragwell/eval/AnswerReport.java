package io.ragwell.eval;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code eval --answers} measured over claims (see {@link AnswerMetrics} for the definitions).
 *
 * @param dataset dataset directory name
 * @param split claims split: {@code dev} (BEIR test) or {@code train}
 * @param answerer who wrote the answers: {@code extractive}, {@code openai}
 * @param model the answerer's model (the embedder's for the extractive answerer)
 * @param claims claims asked
 * @param answerable SUPPORT and CONTRADICT claims among them
 * @param nei NOT ENOUGH INFO claims among them
 * @param evidenceHit share of answerable claims citing a gold rationale sentence
 * @param citationPrecision share of cited sentences (answerable claims) that are gold rationales
 * @param abstainRateNei share of NEI claims declined
 * @param falseAbstainRate share of answerable claims declined
 * @param latencyMs per-claim {@code /query} latency (retrieval and answer)
 * @param curve the four rates with every claim below each threshold also declined; valid from the threshold
 * the answers were produced with upwards (run with {@code --ragwell.llm.extractive.min-relevance=0} for the
 * whole curve); empty when the answerer reports no relevance
 * @param perClaim each claim's outcome
 */
public record AnswerReport(String dataset, String split, String answerer, String model, int claims, int answerable,
		int nei, double evidenceHit, double citationPrecision, double abstainRateNei, double falseAbstainRate,
		EvaluationReport.Latency latencyMs, List<AnswerMetrics.Rates> curve, List<ClaimScore> perClaim) {

	public AnswerReport {
		curve = List.copyOf(curve);
		perClaim = List.copyOf(perClaim);
	}

	/**
	 * @param id claim id
	 * @param label SUPPORT, CONTRADICT or NOT_ENOUGH_INFO
	 * @param abstained whether the answerer declined
	 * @param relevance the answerer's relevance score, or null when it has none
	 * @param cited corpus sentences the answer cites, as {@code docId:index}
	 * @param gold cited sentences that are gold rationales
	 */
	public record ClaimScore(String id, String label, boolean abstained, @Nullable Double relevance,
			List<String> cited, int gold) {

		public ClaimScore {
			cited = List.copyOf(cited);
		}

	}

}
