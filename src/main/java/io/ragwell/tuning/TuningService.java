package io.ragwell.tuning;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ragwell.core.Embedder;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.feedback.FeedbackJudgments;
import io.ragwell.feedback.JudgmentService;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.FusionSettings;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.plan.TuningState;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.rank.Scored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tuning}: chooses a namespace's retrieval settings from its feedback, shows them, reverts them.
 *
 * <p>A run: the namespace's feedback joined to its query log gives judged questions ({@link FeedbackJudgments});
 * with fewer than {@code min-judged-queries} nothing is searched. Each question is split, by a stable hash of its
 * text, into the tuning part or the held-out part; each is embedded once and searched twice (dense and BM25,
 * {@link Tuner#depth} deep) in the namespace's own index; every setting of the grid is scored on both parts from
 * those lists. The best on the tuning part replaces the current settings only if it beats them on the held-out
 * part by {@code margin}; the replaced settings are kept for {@code DELETE /tuning}.
 *
 * <p>Bounded whatever the feedback: at most {@code max-feedback} records read, {@code max-queries} questions used
 * (two id lists of at most 200 entries each held per question), {@link Tuner#MAX_GRID} settings, and one run per
 * namespace at a time (another is refused with {@link TuningInProgressException}).
 */
public final class TuningService {

	/** Settings listed in a report besides the best. */
	private static final int TOP = 5;

	private static final Logger log = LoggerFactory.getLogger(TuningService.class);

	private final JudgmentService judgments;

	private final TunedSettings tuned;

	private final HybridRetriever retriever;

	private final Embedder embedder;

	private final QueryProperties queryProperties;

	private final TuningProperties properties;

	private final Clock clock;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	public TuningService(JudgmentService judgments, TunedSettings tuned, HybridRetriever retriever, Embedder embedder,
			QueryProperties queryProperties, TuningProperties properties, Clock clock) {
		this.judgments = judgments;
		this.tuned = tuned;
		this.retriever = retriever;
		this.embedder = embedder;
		this.queryProperties = queryProperties;
		this.properties = properties;
		this.clock = clock;
	}

	/** The configured settings: what a namespace without tuned settings runs with. */
	public RetrievalSettings defaults() {
		return RetrievalSettings.of(SearchMode.parse(this.queryProperties.defaultMode()), this.retriever.defaults());
	}

	/**
	 * @param namespace tenant namespace
	 * @return its settings, tuned or configured, with their scores
	 */
	public TuningView view(String namespace) {
		TuningState state = this.tuned.fresh(namespace);
		RetrievalSettings defaults = defaults();
		TuningState.Applied current = state.current();
		return new TuningView((current != null) ? current.settings() : defaults, current != null, defaults, current,
				state.previous(), this.running.contains(namespace));
	}

	/**
	 * Goes back to the settings the current tuned ones replaced.
	 * @param namespace tenant namespace
	 * @return the settings now in force
	 * @throws NotFoundException when the namespace has no tuned settings
	 * @throws TuningInProgressException when a run is under way in the namespace
	 */
	public TuningView revert(String namespace) {
		if (!this.running.add(namespace)) {
			throw new TuningInProgressException();
		}
		try {
			TuningState state = this.tuned.fresh(namespace);
			if (state.current() == null) {
				throw new NotFoundException("this namespace has no tuned retrieval settings to revert; it runs with the"
						+ " configured ones");
			}
			this.tuned.write(namespace, new TuningState(state.previous(), null));
			log.info("reverted the tuned retrieval settings namespace={}", namespace);
		}
		finally {
			this.running.remove(namespace);
		}
		return view(namespace);
	}

	/**
	 * Runs the search and applies its winner when the evidence is enough.
	 * @param namespace tenant namespace: only its feedback, questions and index are read, only its settings written
	 * @param dryRun search and report, apply nothing
	 * @return what was found and done
	 * @throws TuningInProgressException when a run is under way in the namespace
	 */
	public TuningReport tune(String namespace, boolean dryRun) {
		if (!this.running.add(namespace)) {
			throw new TuningInProgressException();
		}
		try {
			return run(namespace, dryRun);
		}
		finally {
			this.running.remove(namespace);
		}
	}

	private TuningReport run(String namespace, boolean dryRun) {
		long start = System.nanoTime();
		FeedbackJudgments.Result judged = this.judgments.judgments(namespace, this.properties.maxFeedback(),
				this.properties.maxQueries());
		TuningReport.FeedbackStats stats = new TuningReport.FeedbackStats(judged.feedback(), judged.joined(),
				judged.unmatched(), judged.withoutSources(), judged.withoutRelevant(), judged.capped());
		TuningState state = this.tuned.fresh(namespace);
		RetrievalSettings current = (state.current() != null) ? state.current().settings() : defaults();
		int count = judged.judgments().size();
		int heldOutCount = (int) judged.judgments()
			.stream()
			.filter((j) -> Tuner.heldOut(normalise(j.question()), this.properties.heldOutFraction()))
			.count();
		if (count < this.properties.minJudgedQueries() || heldOutCount < this.properties.minHeldOut()) {
			String reason = String.format(Locale.ROOT,
					"not enough judgments: %d judged questions (%d held out); at least %d (%d held out) are needed"
							+ " before settings change. A judged question is a logged question with a source rated up",
					count, heldOutCount, this.properties.minJudgedQueries(), this.properties.minHeldOut());
			return report("kept", reason, count, heldOutCount, 0, new TuningReport.Candidate(current, null, null),
					null, List.of(), stats, start);
		}
		List<RetrievalSettings> grid = Tuner.grid(current);
		int depth = Tuner.depth(grid);
		List<Tuner.Lists> lists = new ArrayList<>(count);
		for (FeedbackJudgments.Judgment judgment : judged.judgments()) {
			lists.add(fetch(namespace, judgment, depth));
		}
		List<Tuner.Score> scores = Tuner.score(grid, lists);
		Tuner.Score currentScore = scores.get(0);
		// Stable sort: among equal tuning scores the earlier grid point wins, and the current settings are first.
		List<Tuner.Score> ranked = new ArrayList<>(scores);
		ranked.sort(Comparator.comparingDouble(Tuner.Score::tuningNdcgAt10).reversed());
		Tuner.Score best = ranked.get(0);
		List<TuningReport.Candidate> top = ranked.subList(0, Math.min(TOP, ranked.size()))
			.stream()
			.map(TuningService::candidate)
			.toList();
		String status;
		String reason;
		double needed = currentScore.heldOutNdcgAt10() + this.properties.margin();
		if (best.settings().equals(current)) {
			status = "kept";
			reason = "the current settings score best on the tuning part";
		}
		else if (best.heldOutNdcgAt10() < needed - 1e-9) {
			status = "kept";
			reason = String.format(Locale.ROOT,
					"the best settings on the tuning part (%s) score %.4f on the held-out part; the current ones"
							+ " %.4f, and %.4f is needed (margin %.4f)",
					best.settings().describe(), best.heldOutNdcgAt10(), currentScore.heldOutNdcgAt10(), needed,
					this.properties.margin());
		}
		else if (dryRun) {
			status = "dry-run";
			reason = "the best settings would be applied: they beat the current ones on the held-out part by at least"
					+ " the margin";
		}
		else {
			status = "applied";
			reason = String.format(Locale.ROOT, "%s scores %.4f on the held-out part, the replaced %s %.4f",
					best.settings().describe(), best.heldOutNdcgAt10(), current.describe(),
					currentScore.heldOutNdcgAt10());
			this.tuned.write(namespace,
					new TuningState(new TuningState.Applied(best.settings(), best.heldOutNdcgAt10(),
							currentScore.heldOutNdcgAt10(), best.tuningNdcgAt10(), count, this.clock.instant()),
							state.current()));
			log.info("applied tuned retrieval settings namespace={} settings=\"{}\" held_out_ndcg_at_10={} replaced={}",
					namespace, best.settings().describe(), best.heldOutNdcgAt10(), currentScore.heldOutNdcgAt10());
		}
		return report(status, reason, count, heldOutCount, grid.size(), candidate(currentScore), candidate(best), top,
				stats, start);
	}

	private TuningReport report(String status, String reason, int count, int heldOut, int gridSize,
			TuningReport.Candidate current, TuningReport.@org.jspecify.annotations.Nullable Candidate best,
			List<TuningReport.Candidate> top, TuningReport.FeedbackStats stats, long start) {
		return new TuningReport(status, reason, count, count - heldOut, heldOut, this.properties.minJudgedQueries(),
				this.properties.minHeldOut(), this.properties.margin(), gridSize, current, best, top, stats,
				(System.nanoTime() - start) / 1_000_000);
	}

	/** One question's dense and BM25 lists, kept as ids and scores only: the chunks' text is not held. */
	private Tuner.Lists fetch(String namespace, FeedbackJudgments.Judgment judgment, int depth) {
		String question = judgment.question();
		FusionSettings deep = new FusionSettings(Fusion.WEIGHTED, 0.5, 60, depth, depth);
		float[] vector = this.embedder.embedQuery(question);
		List<SearchResult> dense = this.retriever.retrieve(namespace, question, vector, depth, null, SearchMode.DENSE,
				deep);
		List<SearchResult> sparse = this.retriever.retrieve(namespace, question, null, depth, null, SearchMode.SPARSE,
				deep);
		Map<String, String> documentOf = new HashMap<>();
		List<Scored> denseIds = new ArrayList<>(dense.size());
		for (SearchResult result : dense) {
			denseIds.add(new Scored(result.chunk().id(), result.score()));
			documentOf.put(result.chunk().id(), result.chunk().documentId());
		}
		List<Scored> sparseIds = new ArrayList<>(sparse.size());
		for (SearchResult result : sparse) {
			sparseIds.add(new Scored(result.chunk().id(), result.score()));
			documentOf.put(result.chunk().id(), result.chunk().documentId());
		}
		return new Tuner.Lists(judgment.grades(), denseIds, sparseIds, documentOf,
				Tuner.heldOut(normalise(question), this.properties.heldOutFraction()));
	}

	private static TuningReport.Candidate candidate(Tuner.Score score) {
		return new TuningReport.Candidate(score.settings(), score.tuningNdcgAt10(), score.heldOutNdcgAt10());
	}

	private static String normalise(String question) {
		return question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}
