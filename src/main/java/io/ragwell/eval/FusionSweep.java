package io.ragwell.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.rank.RelativeScoreFusion;

/**
 * A grid of hybrid fusion settings scored on pre-fetched dense and BM25 lists, so tuning the query side
 * costs one retrieval per query instead of one per setting. Fusion runs through the same static functions the
 * retriever uses, on lists cut to each candidate depth.
 */
public final class FusionSweep {

	/** The deepest candidate list tried; shallower depths are prefixes of it. */
	static final int MAX_CANDIDATES = 200;

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
	 * One setting's scores.
	 * @param fusion {@code rrf} or {@code relative-score}
	 * @param parameter RRF k or the dense weight alpha
	 * @param candidates depth of each list before fusion
	 * @param level {@code chunk}: chunks are fused, then ranked as documents (what the store does);
	 * {@code document}: each list is first ranked as documents (best chunk), then documents are fused
	 * @param ndcgAt10 mean nDCG@10
	 * @param recallAt10 mean recall@10
	 * @param recallAt100 mean recall@100
	 * @param mrrAt10 mean MRR@10
	 */
	public record Point(String fusion, double parameter, int candidates, String level,
			@JsonProperty("ndcg_at_10") double ndcgAt10, @JsonProperty("recall_at_10") double recallAt10,
			@JsonProperty("recall_at_100") double recallAt100, @JsonProperty("mrr_at_10") double mrrAt10) {
	}

	/**
	 * Scores every setting.
	 * @param queries the judged queries
	 * @param lists each query's lists, in the order of {@code queries}
	 * @param depth documents ranked per query
	 * @return one point per setting, best nDCG@10 first
	 */
	public static List<Point> run(List<JudgedQuery> queries, List<Lists> lists, int depth) {
		List<Point> points = new ArrayList<>();
		for (int candidates : CANDIDATES) {
			for (String level : List.of("chunk", "document")) {
				List<Lists> cut = new ArrayList<>(lists.size());
				for (Lists pair : lists) {
					List<SearchResult> dense = head(pair.dense(), candidates);
					List<SearchResult> sparse = head(pair.sparse(), candidates);
					cut.add("chunk".equals(level) ? new Lists(dense, sparse)
							: new Lists(bestChunkPerDocument(dense), bestChunkPerDocument(sparse)));
				}
				for (int k : RRF_K) {
					points.add(point(queries, cut, depth, "rrf", k, candidates, level,
							pair -> ReciprocalRankFusion.fuse(pair.dense(), pair.sparse(), k, depth * 2)));
				}
				for (double alpha : ALPHA) {
					points.add(point(queries, cut, depth, "relative-score", alpha, candidates, level,
							pair -> RelativeScoreFusion.fuse(pair.dense(), pair.sparse(), alpha, depth * 2)));
				}
			}
		}
		points.sort(Comparator.comparingDouble(Point::ndcgAt10).reversed());
		return List.copyOf(points);
	}

	private static Point point(List<JudgedQuery> queries, List<Lists> lists, int depth, String fusion,
			double parameter, int candidates, String level, java.util.function.Function<Lists, List<SearchResult>> fuse) {
		List<List<String>> rankings = new ArrayList<>(lists.size());
		for (Lists pair : lists) {
			List<String> ranking = RetrievalMetrics.documentRanking(fuse.apply(pair));
			rankings.add(ranking.subList(0, Math.min(depth, ranking.size())));
		}
		Evaluator.Scores scores = Evaluator.score(queries, rankings);
		return new Point(fusion, parameter, candidates, level, scores.ndcg(), scores.recall10(), scores.recall100(),
				scores.mrr());
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
