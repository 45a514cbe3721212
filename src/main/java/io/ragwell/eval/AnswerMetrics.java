package io.ragwell.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ragwell.eval.ClaimsDataset.Claim;

/**
 * Sentence-level grounding metrics over claims, as pure functions of each claim's outcome.
 * <ul>
 * <li>{@code evidence_hit}: of the answerable claims (SUPPORT or CONTRADICT), the share whose answer cites at
 * least one gold rationale sentence (a declined answerable claim is a miss);</li>
 * <li>{@code citation_precision}: of all sentences cited by answers to answerable claims, the share that are gold
 * rationales (micro-averaged, as SciFact scores sentence selection);</li>
 * <li>{@code abstain_rate_nei}: of the NOT ENOUGH INFO claims, the share the answerer declines;</li>
 * <li>{@code false_abstain_rate}: of the answerable claims, the share it declines.</li>
 * </ul>
 */
final class AnswerMetrics {

	private AnswerMetrics() {
	}

	/**
	 * Scores outcomes as they are.
	 * @param outcomes one per claim
	 * @return the four rates
	 */
	static Rates score(List<Outcome> outcomes) {
		return scoreAt(outcomes, Double.NEGATIVE_INFINITY);
	}

	/**
	 * Scores the outcomes as if the answerer had also declined every claim whose relevance is below
	 * {@code threshold}: valid for thresholds at or above the one the answers were produced with.
	 * @param outcomes one per claim
	 * @param threshold extra abstention threshold on {@link Outcome#relevance()}
	 * @return the four rates at that threshold
	 */
	static Rates scoreAt(List<Outcome> outcomes, double threshold) {
		int answerable = 0;
		int hits = 0;
		int cited = 0;
		int citedGold = 0;
		int falseAbstentions = 0;
		int nei = 0;
		int neiAbstentions = 0;
		for (Outcome outcome : outcomes) {
			boolean abstained = outcome.abstained() || outcome.relevance() < threshold;
			if (outcome.claim().answerable()) {
				answerable++;
				if (abstained) {
					falseAbstentions++;
					continue;
				}
				int gold = 0;
				for (SentenceRef ref : outcome.cited()) {
					if (outcome.claim().rationales().getOrDefault(ref.documentId(), Set.of()).contains(ref.sentence())) {
						gold++;
					}
				}
				cited += outcome.cited().size();
				citedGold += gold;
				if (gold > 0) {
					hits++;
				}
			}
			else {
				nei++;
				if (abstained) {
					neiAbstentions++;
				}
			}
		}
		return new Rates(threshold, ratio(hits, answerable), ratio(citedGold, cited), ratio(neiAbstentions, nei),
				ratio(falseAbstentions, answerable));
	}

	/**
	 * The rates over a range of thresholds.
	 * @param outcomes one per claim
	 * @param from first threshold
	 * @param to last threshold (inclusive)
	 * @param step distance between thresholds, above 0
	 * @return one point per threshold
	 */
	static List<Rates> curve(List<Outcome> outcomes, double from, double to, double step) {
		List<Rates> curve = new ArrayList<>();
		for (int i = 0; from + i * step <= to + 1e-9; i++) {
			curve.add(scoreAt(outcomes, Evaluator.round(from + i * step, 4)));
		}
		return curve;
	}

	private static double ratio(int numerator, int denominator) {
		return (denominator == 0) ? Double.NaN : Evaluator.round((double) numerator / denominator, 4);
	}

	/**
	 * What the answerer did with one claim.
	 * @param claim the claim and its gold rationales
	 * @param abstained whether it declined
	 * @param relevance its relevance score ({@code NaN} when it has none: never below a threshold)
	 * @param cited the corpus sentences its citations map to
	 */
	record Outcome(Claim claim, boolean abstained, double relevance, Set<SentenceRef> cited) {

		Outcome {
			cited = Set.copyOf(cited);
		}

	}

	/**
	 * A corpus sentence.
	 * @param documentId its document
	 * @param sentence its 0-based index in the document's sentence list
	 */
	record SentenceRef(String documentId, int sentence) {

		@Override
		public String toString() {
			return this.documentId + ":" + this.sentence;
		}

	}

	/**
	 * @param threshold the abstention threshold these were scored at ({@code -Infinity}: as answered)
	 * @param evidenceHit see the class comment; {@code NaN} without answerable claims
	 * @param citationPrecision see the class comment; {@code NaN} when nothing was cited
	 * @param abstainRateNei see the class comment; {@code NaN} without NEI claims
	 * @param falseAbstainRate see the class comment
	 */
	record Rates(double threshold, double evidenceHit, double citationPrecision, double abstainRateNei,
			double falseAbstainRate) {
	}

}
