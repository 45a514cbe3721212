package io.ragwell.tuning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ragwell.core.SearchMode;
import io.ragwell.eval.RetrievalMetrics;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.rank.Fused;
import io.ragwell.rank.Fusions;
import io.ragwell.rank.Scored;

/**
 * The search itself, on lists fetched once: each judged question's dense and BM25 chunk lists, as deep as the
 * deepest setting reads, are cut and fused in memory by the same functions the stores use ({@link Fusions}), so a
 * grid of settings costs one retrieval per question, not one per setting.
 */
public final class Tuner {

	/** Candidate depths tried for hybrid search. */
	static final int[] CANDIDATES = { 50, 100, 200 };

	/** Dense weights tried for weighted fusion. */
	static final double[] ALPHAS = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 };

	/** Reciprocal rank fusion constants tried. */
	static final int[] RRF_KS = { 10, 30, 60 };

	/** The grid's size cap: what one run costs per question is this many in-memory fusions. */
	public static final int MAX_GRID = 64;

	/** Chunks fused per setting: enough for ten distinct documents with several chunks each. */
	private static final int FUSED_CHUNKS = 100;

	private Tuner() {
	}

	/**
	 * One judged question's lists.
	 * @param grades document id to grade
	 * @param dense dense chunk list, best first
	 * @param sparse BM25 chunk list, best first
	 * @param documentOf each listed chunk's document
	 * @param heldOut whether the question is in the held-out part
	 */
	public record Lists(Map<String, Integer> grades, List<Scored> dense, List<Scored> sparse,
			Map<String, String> documentOf, boolean heldOut) {
	}

	/**
	 * @param settings one point of the grid
	 * @param tuningNdcgAt10 mean nDCG@10 on the tuning part
	 * @param heldOutNdcgAt10 mean nDCG@10 on the held-out part
	 */
	public record Score(RetrievalSettings settings, double tuningNdcgAt10, double heldOutNdcgAt10) {
	}

	/**
	 * The settings tried: the current ones first (so a tie keeps them), dense only, BM25 only, and hybrid at each
	 * depth (the current one first) with weighted fusion over {@link #ALPHAS} and RRF over {@link #RRF_KS}.
	 * @param current the settings in force
	 * @return at most {@link #MAX_GRID} distinct settings
	 */
	static List<RetrievalSettings> grid(RetrievalSettings current) {
		Set<RetrievalSettings> grid = new LinkedHashSet<>();
		grid.add(current);
		grid.add(new RetrievalSettings(SearchMode.DENSE, current.fusion(), current.alpha(), current.rrfK(),
				current.candidates()));
		grid.add(new RetrievalSettings(SearchMode.SPARSE, current.fusion(), current.alpha(), current.rrfK(),
				current.candidates()));
		// The current depth first: among settings that tie on the tuning part the earlier wins, and the depth in
		// force is the one nobody has to justify.
		List<Integer> depths = new java.util.ArrayList<>();
		depths.add(current.candidates());
		for (int candidates : CANDIDATES) {
			if (candidates != current.candidates()) {
				depths.add(candidates);
			}
		}
		for (int candidates : depths) {
			for (double alpha : ALPHAS) {
				grid.add(new RetrievalSettings(SearchMode.HYBRID, Fusion.WEIGHTED, alpha, current.rrfK(), candidates));
			}
			for (int k : RRF_KS) {
				grid.add(new RetrievalSettings(SearchMode.HYBRID, Fusion.RRF, current.alpha(), k, candidates));
			}
		}
		List<RetrievalSettings> settings = List.copyOf(grid);
		if (settings.size() > MAX_GRID) {
			throw new IllegalStateException("the tuning grid has " + settings.size() + " points; at most " + MAX_GRID);
		}
		return settings;
	}

	/** The deepest list any of {@code grid} reads. */
	static int depth(List<RetrievalSettings> grid) {
		return grid.stream().mapToInt(RetrievalSettings::candidates).max().orElse(CANDIDATES[CANDIDATES.length - 1]);
	}

	/**
	 * Scores every setting on both parts.
	 * @param grid the settings
	 * @param lists the judged questions' lists
	 * @return one score per setting, in grid order
	 */
	static List<Score> score(List<RetrievalSettings> grid, List<Lists> lists) {
		List<Score> scores = new ArrayList<>(grid.size());
		for (RetrievalSettings settings : grid) {
			double tuning = 0;
			double heldOut = 0;
			int tuningCount = 0;
			int heldOutCount = 0;
			for (Lists question : lists) {
				double ndcg = ndcgAt10(settings, question);
				if (question.heldOut()) {
					heldOut += ndcg;
					heldOutCount++;
				}
				else {
					tuning += ndcg;
					tuningCount++;
				}
			}
			scores.add(new Score(settings, round(tuning / Math.max(1, tuningCount)),
					round(heldOut / Math.max(1, heldOutCount))));
		}
		return scores;
	}

	/** One question's nDCG@10 under {@code settings}: its chunk ranking, ranked as documents. */
	static double ndcgAt10(RetrievalSettings settings, Lists question) {
		int candidates = settings.candidates();
		List<String> chunks = switch (settings.mode()) {
			case DENSE -> ids(head(question.dense(), candidates));
			case SPARSE -> ids(head(question.sparse(), candidates));
			case HYBRID -> Fusions
				.fuseIds(settings.fusionSettings().hybridFusion(), head(question.dense(), candidates),
						head(question.sparse(), candidates), FUSED_CHUNKS)
				.stream()
				.map(Fused::id)
				.toList();
		};
		List<String> documents = new ArrayList<>(10);
		for (String chunk : chunks) {
			String document = question.documentOf().get(chunk);
			if (document != null && !documents.contains(document)) {
				documents.add(document);
				if (documents.size() == 10) {
					break;
				}
			}
		}
		return RetrievalMetrics.ndcgAt(documents, question.grades(), 10);
	}

	/**
	 * Whether a question is held out: a stable function of its text, so the same feedback splits the same way in
	 * every run (the check stays a check) and nobody chooses the split by the order of their feedback.
	 * @param normalisedQuestion the question, case and spacing normalised
	 * @param fraction share held out, 0 to 1
	 */
	static boolean heldOut(String normalisedQuestion, double fraction) {
		// Spread the bits of String.hashCode (stable across JVMs by its specification) before taking a percentile.
		int mixed = normalisedQuestion.hashCode() * 0x9E3779B9;
		mixed ^= mixed >>> 16;
		return Math.floorMod(mixed, 1000) < Math.round(fraction * 1000);
	}

	private static List<Scored> head(List<Scored> list, int n) {
		return list.subList(0, Math.min(n, list.size()));
	}

	private static List<String> ids(List<Scored> list) {
		return list.stream().map(Scored::id).toList();
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

}
