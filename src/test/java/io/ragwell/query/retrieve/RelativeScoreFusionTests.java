package io.ragwell.query.retrieve;

import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RelativeScoreFusionTests {

	@Test
	void scoresAreMinMaxNormalisedPerListThenWeighted() {
		// Dense 0.9/0.7/0.5 → 1, 0.5, 0; BM25 10/4 → 1, 0. With alpha 0.6:
		// a = 0.6*1 + 0.4*0 = 0.6; b = 0.6*0.5 + 0.4*1 = 0.7; c = 0.6*0 = 0.
		List<SearchResult> dense = List.of(result("a", 0.9), result("b", 0.7), result("c", 0.5));
		List<SearchResult> sparse = List.of(result("b", 10), result("a", 4));
		List<SearchResult> fused = RelativeScoreFusion.fuse(dense, sparse, 0.6, 10);
		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("b#0", "a#0", "c#0");
		assertThat(fused.get(0).score()).isCloseTo(0.7, within(1e-12));
		assertThat(fused.get(1).score()).isCloseTo(0.6, within(1e-12));
		assertThat(fused.get(0).denseScore()).isEqualTo(0.7);
		assertThat(fused.get(0).sparseScore()).isEqualTo(10.0);
		assertThat(fused.get(2).sparseScore()).isNull();
		assertThat(fused).extracting(SearchResult::rank).containsExactly(1, 2, 3);
	}

	@Test
	void alphaOneIsTheDenseOrderAndTopNCuts() {
		List<SearchResult> dense = List.of(result("a", 0.9), result("b", 0.7));
		List<SearchResult> sparse = List.of(result("c", 10), result("b", 4));
		assertThat(RelativeScoreFusion.fuse(dense, sparse, 1.0, 1)).extracting(r -> r.chunk().id())
			.containsExactly("a#0");
	}

	@Test
	void aListOfEqualScoresNormalisesToOne() {
		List<SearchResult> fused = RelativeScoreFusion.fuse(List.of(result("a", 0.5)), List.of(), 0.5, 5);
		assertThat(fused.get(0).score()).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void alphaOutsideTheUnitIntervalIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RelativeScoreFusion.fuse(List.of(), List.of(), 1.5, 5));
	}

	private static SearchResult result(String documentId, double score) {
		Chunk chunk = new Chunk(Chunk.idFor(documentId, 0), documentId, "text", 0, Map.of(), 1, null, "hash");
		return new SearchResult(chunk, score, 1, null, null);
	}

}
