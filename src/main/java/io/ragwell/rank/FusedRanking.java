package io.ragwell.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping every fusion shares: one entry per distinct id, its summed score, the provenance scores of
 * the lists it came from, and the final ranking. Fusions differ only in what each list contributes.
 */
final class FusedRanking {

	// Equal fused scores are common (rank r in one list only scores the same in either list), so ties are
	// broken by id to keep results, and therefore answers and tests, reproducible.
	private static final Comparator<Entry> ORDER = Comparator.comparingDouble((Entry entry) -> entry.score)
		.reversed()
		.thenComparing(entry -> entry.id);

	private final Map<String, Entry> byId = new LinkedHashMap<>();

	/**
	 * Counts an entry of the dense list; an id already counted from the dense list is ignored.
	 * @param entry the entry; its {@code score} becomes the provenance {@code denseScore}
	 * @param contribution what it adds to the fused score
	 */
	void addDense(Scored entry, double contribution) {
		Entry fused = entry(entry.id());
		if (fused.denseScore == null) {
			fused.denseScore = entry.score();
			fused.score += contribution;
		}
	}

	/**
	 * Counts an entry of the sparse list; an id already counted from the sparse list is ignored.
	 * @param entry the entry; its {@code score} becomes the provenance {@code sparseScore}
	 * @param contribution what it adds to the fused score
	 */
	void addSparse(Scored entry, double contribution) {
		Entry fused = entry(entry.id());
		if (fused.sparseScore == null) {
			fused.sparseScore = entry.score();
			fused.score += contribution;
		}
	}

	/**
	 * Counts an already fused entry (of one of several rankings); provenance scores are taken from the first
	 * entry that carries them.
	 * @param entry the entry
	 * @param contribution what it adds to the fused score
	 */
	void addFused(Fused entry, double contribution) {
		Entry fused = entry(entry.id());
		fused.score += contribution;
		if (fused.denseScore == null) {
			fused.denseScore = entry.denseScore();
		}
		if (fused.sparseScore == null) {
			fused.sparseScore = entry.sparseScore();
		}
	}

	/** At most {@code topN} entries by descending fused score, ties by ascending id. */
	List<Fused> top(int topN) {
		List<Entry> ordered = new ArrayList<>(this.byId.values());
		ordered.sort(ORDER);
		int n = Math.min(topN, ordered.size());
		List<Fused> results = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Entry entry = ordered.get(i);
			results.add(new Fused(entry.id, entry.score, entry.denseScore, entry.sparseScore));
		}
		return List.copyOf(results);
	}

	private Entry entry(String id) {
		return this.byId.computeIfAbsent(id, Entry::new);
	}

	private static final class Entry {

		private final String id;

		private double score;

		private @Nullable Double denseScore;

		private @Nullable Double sparseScore;

		Entry(String id) {
			this.id = id;
		}

	}

}
