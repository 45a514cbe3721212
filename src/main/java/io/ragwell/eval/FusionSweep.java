package io.ragwell.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.rank.RelativeScoreFusion;
import io.ragwell.rank.ScoreNormalization;

/**
 * A grid of hybrid fusion settings scored on pre-fetched dense and BM25 lists, so tuning the query side
 * costs one retrieval per query instead of one per setting. Fusion runs through the same static functions the
 * retriever uses, on lists cut to each candidate depth. Every setting is also compared query by query with a
 * baseline (the configured fusion): the mean per-query nDCG@10 difference and its standard error, the noise
 * bar a setting must clear.
 */
public final class FusionSweep {

	/** The deepest candidate list tried; shallower depths are prefixes of it. */
	static final int MAX_CANDIDATES = 200;

	static final String CHUNK = "chunk";

	static final String DOCUMENT = "document";

	static final String RRF = "rrf";

	static final String RELATIVE_SCORE = "relative-score";

	private static final int[] CANDIDATES = { 50, 100, 200 };

	private static final int[] RRF_K = { 5, 10, 20, 30, 60, 100 };

	private static final double[] ALPHA = { 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 };

	private FusionSweep() {
	}

	/**
	 * @param dense a query's dense chunk list, best first, {@link #MAX_CANDIDATES} deep
	 * @param sparse its BM25 chunk list, best first, as deep
	 */
	public record Lists(List<SearchResult> dense, List<SearchResult> sparse) {
	}

	/**
	 * One fusion setting of the grid.
	 * @param fusion {@link #RRF} or {@link #RELATIVE_SCORE}
	 * @param parameter RRF k or the dense weight alpha
	 * @param candidates depth of each list before fusion, at most {@link #MAX_CANDIDATES}
	 * @param level {@link #CHUNK}: chunks are fused, then ranked as documents (what the store does);
	 * {@link #DOCUMENT}: each list is first ranked as documents (best chunk), then documents are fused
	 * @param normalization how relative-score fusion scales each list (min-max for RRF, which ignores it)
	 */
	public record Setting(String fusion, double parameter, int candidates, String level,
			ScoreNormalization normalization) {
	}

	/**
	 * One setting's scores.
	 * @param fusion {@code rrf} or {@code relative-score}
	 * @param parameter RRF k or the dense weight alpha
	 * @param candidates depth of each list before fusion
	 * @param level {@code chunk} or {@code document}, see {@link Setting}
	 * @param normalization {@code min-max}, {@code z-score} or {@code distribution} (relative-score only; RRF
	 * reads ranks and reports {@code rank})
	 * @param ndcgAt10 mean nDCG@10
	 * @param recallAt10 mean recall@10
	 * @param recallAt100 mean recall@100
	 * @param mrrAt10 mean MRR@10
	 * @param pairedDelta mean per-query nDCG@10 difference to the baseline setting
	 * @param pairedStandardError standard error of that mean (sample standard deviation over the square root of
	 * the number of queries)
	 * @param better queries this setting scores higher than the baseline on
	 * @param worse queries it scores lower on
	 */
	public record Point(String fusion, double parameter, int candidates, String level, String normalization,
			@JsonProperty("ndcg_at_10") double ndcgAt10, @JsonProperty("recall_at_10") double recallAt10,
			@JsonProperty("recall_at_100") double recallAt100, @JsonProperty("mrr_at_10") double mrrAt10,
			@JsonProperty("paired_delta") double pairedDelta,
			@JsonProperty("paired_standard_error") double pairedStandardError, int better, int worse) {
	}

	/**
	 * Scores every setting.
	 * @param queries the judged queries
	 * @param lists each query's lists, in the order of {@code queries}
	 * @param depth documents ranked per query
	 * @param baseline the setting every point is compared with query by query (the configured one); scored
	 * too, as the first point, when the grid does not hold it
	 * @return one point per setting, best nDCG@10 first
	 */
	public static List<Point> run(List<JudgedQuery> queries, List<Lists> lists, int depth, Setting baseline) {
		List<Setting> settings = new ArrayList<>();
		for (int candidates : CANDIDATES) {
			for (String level : List.of(CHUNK, DOCUMENT)) {
				for (int k : RRF_K) {
					settings.add(new Setting(RRF, k, candidates, level, ScoreNormalization.MIN_MAX));
				}
				for (ScoreNormalization normalization : ScoreNormalization.values()) {
					for (double alpha : ALPHA) {
						settings.add(new Setting(RELATIVE_SCORE, alpha, candidates, level, normalization));
					}
				}
			}
		}
		if (!settings.contains(baseline)) {
			settings.addFirst(baseline);
		}
		Evaluator.Scores base = score(queries, lists, depth, baseline);
		List<Point> points = new ArrayList<>(settings.size());
		for (Setting setting : settings) {
			Evaluator.Scores scores = setting.equals(baseline) ? base : score(queries, lists, depth, setting);
			Paired paired = Paired.of(scores, base);
			points.add(new Point(setting.fusion(), setting.parameter(), setting.candidates(), setting.level(),
					RRF.equals(setting.fusion()) ? "rank" : setting.normalization().label(), scores.ndcg(),
					scores.recall10(), scores.recall100(), scores.mrr(), Evaluator.round(paired.mean(), 4),
					Evaluator.round(paired.standardError(), 4), paired.better(), paired.worse()));
		}
		points.sort(Comparator.comparingDouble(Point::ndcgAt10).reversed());
		return List.copyOf(points);
	}

	/** The metrics of one setting, per query and averaged. */
	static Evaluator.Scores score(List<JudgedQuery> queries, List<Lists> lists, int depth, Setting setting) {
		int candidates = Math.min(setting.candidates(), MAX_CANDIDATES);
		Function<Lists, List<SearchResult>> fuse = RRF.equals(setting.fusion())
				? pair -> ReciprocalRankFusion.fuse(pair.dense(), pair.sparse(), (int) setting.parameter(), depth * 2)
				: pair -> RelativeScoreFusion.fuse(pair.dense(), pair.sparse(), setting.parameter(), depth * 2,
						setting.normalization());
		List<List<String>> rankings = new ArrayList<>(lists.size());
		for (Lists pair : lists) {
			List<SearchResult> dense = head(pair.dense(), candidates);
			List<SearchResult> sparse = head(pair.sparse(), candidates);
			Lists cut = CHUNK.equals(setting.level()) ? new Lists(dense, sparse)
					: new Lists(bestChunkPerDocument(dense), bestChunkPerDocument(sparse));
			List<String> ranking = RetrievalMetrics.documentRanking(fuse.apply(cut));
			rankings.add(ranking.subList(0, Math.min(depth, ranking.size())));
		}
		return Evaluator.score(queries, rankings);
	}

	/**
	 * Per-query nDCG@10 differences of one setting to the baseline, over the same queries in the same order.
	 * @param mean mean difference
	 * @param standardError sample standard deviation of the differences over the square root of their count
	 * @param better queries with a positive difference
	 * @param worse queries with a negative difference
	 */
	record Paired(double mean, double standardError, int better, int worse) {

		static Paired of(Evaluator.Scores scores, Evaluator.Scores baseline) {
			int n = scores.perQuery().size();
			double[] differences = new double[n];
			int better = 0;
			int worse = 0;
			double sum = 0;
			for (int i = 0; i < n; i++) {
				differences[i] = scores.perQuery().get(i).ndcgAt10() - baseline.perQuery().get(i).ndcgAt10();
				sum += differences[i];
				better += (differences[i] > 0) ? 1 : 0;
				worse += (differences[i] < 0) ? 1 : 0;
			}
			double mean = (n > 0) ? sum / n : 0.0;
			double squares = 0;
			for (double difference : differences) {
				squares += (difference - mean) * (difference - mean);
			}
			double standardError = (n > 1) ? Math.sqrt(squares / (n - 1)) / Math.sqrt(n) : 0.0;
			return new Paired(mean, standardError, better, worse);
		}

	}

	/**
	 * A list re-keyed by document: each document keeps its best chunk's score and place, under the document
	 * id, so fusion matches a document's best dense chunk with its best BM25 chunk even when they differ.
	 */
	static List<SearchResult> bestChunkPerDocument(List<SearchResult> chunks) {
		Map<String, SearchResult> best = new LinkedHashMap<>();
		for (SearchResult result : chunks) {
			Chunk chunk = result.chunk();
			best.putIfAbsent(chunk.documentId(),
					new SearchResult(new Chunk(chunk.documentId(), chunk.documentId(), chunk.content(), chunk.position(),
							chunk.metadata(), chunk.tokenCount(), chunk.source(), chunk.contentHash()), result.score(),
							best.size() + 1, result.denseScore(), result.sparseScore()));
		}
		return List.copyOf(best.values());
	}

	private static List<SearchResult> head(List<SearchResult> list, int n) {
		return list.subList(0, Math.min(n, list.size()));
	}

}
