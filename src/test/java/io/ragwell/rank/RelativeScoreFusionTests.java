package io.ragwell.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RelativeScoreFusionTests {

	// Dense 1, 0.75, 0.5 normalise to 1, 0.5, 0; sparse 12, 8, 4 to 1, 0.5, 0 (all exact in binary).
	private static final List<SearchResult> DENSE = ranked(List.of("a", "b", "c"), 1.0, 0.75, 0.5);

	private static final List<SearchResult> SPARSE = ranked(List.of("c", "d", "a"), 12.0, 8.0, 4.0);

	@Test
	void equalWeightsAverageTheNormalisedScores() {
		List<SearchResult> fused = RelativeScoreFusion.fuse(DENSE, SPARSE, 0.5, 10);

		// a = .5*1 + .5*0 = .5, c = .5*0 + .5*1 = .5 (tie, by id), b = .5*.5 = .25, d = .5*.5 = .25
		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("a", "c", "b", "d");
		assertThat(fused).extracting(SearchResult::score).containsExactly(0.5, 0.5, 0.25, 0.25);
		assertThat(fused).extracting(SearchResult::rank).containsExactly(1, 2, 3, 4);
		// Raw scores are kept as provenance, not the normalised ones.
		assertThat(fused.get(0).denseScore()).isEqualTo(1.0);
		assertThat(fused.get(0).sparseScore()).isEqualTo(4.0);
		assertThat(fused.get(2).sparseScore()).isNull();
		assertThat(fused.get(3).denseScore()).isNull();
	}

	@Test
	void alphaShiftsTheRankingTowardsOneList() {
		// alpha .8: a = .8, b = .4, c = .2, d = .1
		List<SearchResult> dense = RelativeScoreFusion.fuse(DENSE, SPARSE, 0.8, 10);
		assertThat(dense).extracting(r -> r.chunk().id()).containsExactly("a", "b", "c", "d");
		assertThat(dense.get(1).score()).isCloseTo(0.4, within(1e-12));
		// alpha .2: c = .8, d = .4, a = .2, b = .1
		List<SearchResult> sparse = RelativeScoreFusion.fuse(DENSE, SPARSE, 0.2, 10);
		assertThat(sparse).extracting(r -> r.chunk().id()).containsExactly("c", "d", "a", "b");
		assertThat(sparse.get(3).score()).isCloseTo(0.1, within(1e-12));
	}

	@Test
	void alphaOneIsTheDenseOrderWithSparseOnlyChunksLast() {
		assertThat(RelativeScoreFusion.fuse(DENSE, SPARSE, 1.0, 10)).extracting(r -> r.chunk().id())
			.containsExactly("a", "b", "c", "d");
	}

	@Test
	void aListOfEqualScoresNormalisesToOne() {
		List<SearchResult> fused = RelativeScoreFusion.fuse(ranked(List.of("x"), 0.3), List.of(), 0.5, 10);

		assertThat(fused).singleElement().satisfies(r -> assertThat(r.score()).isEqualTo(0.5));
		assertThat(ScoreNormalization.MIN_MAX.normalise(List.of(new Scored("x", 7.0), new Scored("y", 7.0))))
			.containsExactly(1.0, 1.0);
	}

	@Test
	void keepsTopNAndCountsARepeatedChunkOnce() {
		List<SearchResult> dense = ranked(List.of("a", "a", "b"), 0.9, 0.1, 0.5);

		List<SearchResult> fused = RelativeScoreFusion.fuse(dense, List.of(), 1.0, 1);

		assertThat(fused).singleElement().satisfies(r -> {
			assertThat(r.chunk().id()).isEqualTo("a");
			assertThat(r.score()).isEqualTo(1.0);
			assertThat(r.denseScore()).isEqualTo(0.9);
		});
	}

	@Test
	void rejectsAlphaOutsideZeroToOneAndTopNBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> RelativeScoreFusion.fuse(DENSE, SPARSE, 1.1, 3))
			.withMessageContaining("alpha");
		assertThatIllegalArgumentException().isThrownBy(() -> RelativeScoreFusion.fuse(DENSE, SPARSE, Double.NaN, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> RelativeScoreFusion.fuse(DENSE, SPARSE, 0.5, 0));
	}

	private static List<SearchResult> ranked(List<String> ids, double... scores) {
		List<SearchResult> results = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			Chunk chunk = new Chunk(ids.get(i), "doc-" + ids.get(i), "text", 0, Map.of(), 1, null, "h");
			results.add(new SearchResult(chunk, scores[i], i + 1, null, null));
		}
		return results;
	}

}
