package io.ragwell.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.HybridFusion.Method;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fusion a {@link HybridFusion} describes, over ids and scores alone. */
class FusionsTests {

	private static final List<Scored> DENSE = List.of(new Scored("a", 0.9), new Scored("b", 0.5),
			new Scored("c", 0.1));

	private static final List<Scored> SPARSE = List.of(new Scored("c", 12.0), new Scored("d", 3.0));

	@Test
	void rrfUsesTheDescribedKAndKeepsBothListsScores() {
		List<Fused> fused = Fusions.fuseIds(new HybridFusion(Method.RRF, 1, 0.9, 3, 2), DENSE, SPARSE, 10);
		// k = 1: c = 1/4 + 1/2, a = 1/2, b = d = 1/3 (tie broken by id).
		assertThat(fused).extracting(Fused::id).containsExactly("c", "a", "b", "d");
		assertThat(fused.get(0).score()).isCloseTo(0.75, within(1e-12));
		assertThat(fused.get(0).denseScore()).isEqualTo(0.1);
		assertThat(fused.get(0).sparseScore()).isEqualTo(12.0);
		assertThat(fused.get(3).denseScore()).isNull();
	}

	@Test
	void relativeScoreUsesTheDescribedAlpha() {
		assertThat(Fusions.fuseIds(new HybridFusion(Method.RELATIVE_SCORE, 60, 1.0, 3, 2), DENSE, SPARSE, 10))
			.extracting(Fused::id)
			.containsExactly("a", "b", "c", "d");
		List<Fused> mixed = Fusions.fuseIds(new HybridFusion(Method.RELATIVE_SCORE, 60, 0.3, 3, 2), DENSE, SPARSE,
				2);
		// c: 0.3 * 0 + 0.7 * 1; a: 0.3 * 1.
		assertThat(mixed).extracting(Fused::id).containsExactly("c", "a");
		assertThat(mixed.get(0).score()).isCloseTo(0.7, within(1e-12));
	}

	@Test
	void theSearchResultAdapterEqualsTheFunctionItNames() {
		HybridFusion rrf = new HybridFusion(Method.RRF, 7, 0.5, 3, 2);
		List<SearchResult> dense = results(DENSE);
		List<SearchResult> sparse = results(SPARSE);
		assertThat(Fusions.fuse(rrf, dense, sparse, 3))
			.isEqualTo(ReciprocalRankFusion.fuse(dense, sparse, 7, 3));
		HybridFusion weighted = new HybridFusion(Method.RELATIVE_SCORE, 7, 0.2, 3, 2);
		assertThat(Fusions.fuse(weighted, dense, sparse, 3))
			.isEqualTo(RelativeScoreFusion.fuse(dense, sparse, 0.2, 3));
	}

	private static List<SearchResult> results(List<Scored> entries) {
		List<SearchResult> results = new ArrayList<>();
		for (Scored entry : entries) {
			Chunk chunk = new Chunk(entry.id() + "#0", entry.id(), "text " + entry.id(), 0, Map.of(), 2, null, "h");
			results.add(new SearchResult(chunk, entry.score(), results.size() + 1, null, null));
		}
		return results;
	}

}
