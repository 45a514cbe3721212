package io.ragwell.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping every fusion shares: one entry per distinct chunk id, its summed score, the provenance
 * scores of the lists it came from, and the final ranking. Fusions differ only in what each list contributes.
 */
final class FusedRanking {

	// Equal fused scores are common (rank r in one list only scores the same in either list), so ties are
	// broken by chunk id to keep results, and therefore answers and tests, reproducible.
	private static final Comparator<Entry> ORDER = Comparator.comparingDouble((Entry entry) -> entry.score)
		.reversed()
		.thenComparing(entry -> entry.chunk.id());

	private final Map<String, Entry> byId = new LinkedHashMap<>();

	/**
	 * Counts a result of the dense list; a chunk id already counted from the dense list is ignored.
	 * @param result the result; its {@code score} becomes the provenance {@code denseScore}
	 * @param contribution what it adds to the fused score
	 */
	void addDense(SearchResult result, double contribution) {
		Entry entry = entry(result);
		if (entry.denseScore == null) {
			entry.denseScore = result.score();
			entry.score += contribution;
		}
	}

	/**
	 * Counts a result of the sparse list; a chunk id already counted from the sparse list is ignored.
	 * @param result the result; its {@code score} becomes the provenance {@code sparseScore}
	 * @param contribution what it adds to the fused score
	 */
	void addSparse(SearchResult result, double contribution) {
		Entry entry = entry(result);
		if (entry.sparseScore == null) {
			entry.sparseScore = result.score();
			entry.score += contribution;
		}
	}

	/**
	 * Counts an already fused result (of one of several rankings); provenance scores are taken from the first
	 * result that carries them.
	 * @param result the result
	 * @param contribution what it adds to the fused score
	 */
	void addFused(SearchResult result, double contribution) {
		Entry entry = entry(result);
		entry.score += contribution;
		if (entry.denseScore == null) {
			entry.denseScore = result.denseScore();
		}
		if (entry.sparseScore == null) {
			entry.sparseScore = result.sparseScore();
		}
	}

	/** At most {@code topN} results by descending fused score, ties by ascending chunk id, ranked 1..n. */
	List<SearchResult> top(int topN) {
		List<Entry> ordered = new ArrayList<>(this.byId.values());
		ordered.sort(ORDER);
		int n = Math.min(topN, ordered.size());
		List<SearchResult> results = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Entry entry = ordered.get(i);
			results.add(new SearchResult(entry.chunk, entry.score, i + 1, entry.denseScore, entry.sparseScore));
		}
		return List.copyOf(results);
	}

	private Entry entry(SearchResult result) {
		return this.byId.computeIfAbsent(result.chunk().id(), id -> new Entry(result.chunk()));
	}

	private static final class Entry {

		private final Chunk chunk;

		private double score;

		private @Nullable Double denseScore;

		private @Nullable Double sparseScore;

		Entry(Chunk chunk) {
			this.chunk = chunk;
		}

	}

}
