package io.ragwell.query.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.jspecify.annotations.Nullable;

/**
 * Relative score fusion (Weaviate's {@code relativeScoreFusion}): each list's scores are min-max normalised to
 * [0, 1] over the list, and a chunk scores {@code alpha * dense + (1 - alpha) * sparse}, a missing list
 * counting 0. Unlike {@link ReciprocalRankFusion} it keeps how far apart scores are, so a chunk that wins one
 * list by a wide margin is not flattened to "rank 1".
 */
public final class RelativeScoreFusion {

	private static final Comparator<Fused> ORDER = Comparator.comparingDouble(Fused::score)
		.reversed()
		.thenComparing(fused -> fused.chunk().id());

	private RelativeScoreFusion() {
	}

	/**
	 * Fuses two rankings of chunks.
	 * @param dense results of the dense search, best first; each {@code score} is normalised over the list and
	 * kept as the fused result's {@code denseScore}
	 * @param sparse results of the BM25 search, best first; normalised like {@code dense}, kept as
	 * {@code sparseScore}
	 * @param alpha weight of the dense list, in [0, 1]; the sparse list weighs {@code 1 - alpha}
	 * @param topN the most results to return, 1 or more
	 * @return at most {@code topN} results by descending fused score, ties by ascending chunk id, ranked
	 * {@code 1..n}; a list whose scores are all equal normalises to 1 for each of its chunks; a chunk id
	 * repeated in one list counts at its first occurrence only
	 */
	public static List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> sparse, double alpha,
			int topN) {
		if (!(alpha >= 0 && alpha <= 1)) {
			throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
		}
		if (topN < 1) {
			throw new IllegalArgumentException("topN must be >= 1, was " + topN);
		}
		Map<String, Fused> byId = new LinkedHashMap<>();
		add(byId, dense, alpha, true);
		add(byId, sparse, 1 - alpha, false);
		List<Fused> ordered = new ArrayList<>(byId.values());
		ordered.sort(ORDER);
		int n = Math.min(topN, ordered.size());
		List<SearchResult> results = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Fused fused = ordered.get(i);
			results.add(new SearchResult(fused.chunk, fused.score, i + 1, fused.denseScore, fused.sparseScore));
		}
		return List.copyOf(results);
	}

	private static void add(Map<String, Fused> byId, List<SearchResult> list, double weight, boolean dense) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (SearchResult result : list) {
			min = Math.min(min, result.score());
			max = Math.max(max, result.score());
		}
		double range = max - min;
		for (SearchResult result : list) {
			Fused fused = byId.computeIfAbsent(result.chunk().id(), id -> new Fused(result.chunk()));
			if ((dense ? fused.denseScore : fused.sparseScore) != null) {
				continue;
			}
			double normalised = (range > 0) ? (result.score() - min) / range : 1.0;
			fused.score += weight * normalised;
			if (dense) {
				fused.denseScore = result.score();
			}
			else {
				fused.sparseScore = result.score();
			}
		}
	}

	/** Mutable accumulator: one per distinct chunk id. */
	private static final class Fused {

		private final Chunk chunk;

		private double score;

		private @Nullable Double denseScore;

		private @Nullable Double sparseScore;

		Fused(Chunk chunk) {
			this.chunk = chunk;
		}

		double score() {
			return this.score;
		}

		Chunk chunk() {
			return this.chunk;
		}

	}

}
