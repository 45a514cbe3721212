package io.ragwell.rank;

import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReciprocalRankFusionManyListsTests {

	@Test
	void sumsReciprocalRanksOverEveryListAndKeepsTheFirstProvenance() {
		List<SearchResult> original = List.of(result("a", 0.9, null), result("b", 0.8, 4.0));
		List<SearchResult> paraphrase = List.of(result("b", 0.7, 6.0), result("c", null, 2.0));
		List<SearchResult> another = List.of(result("b", 0.6, null), result("b", 0.5, null));

		List<SearchResult> fused = ReciprocalRankFusion.fuseAll(List.of(original, paraphrase, another), 1, 10);

		// k=1: b = 1/3 + 1/2 + 1/2 (its repeat in the last list ignored), a = 1/2, c = 1/3
		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("b", "a", "c");
		assertThat(fused.get(0).score()).isCloseTo(4.0 / 3.0, within(1e-12));
		assertThat(fused.get(0).denseScore()).isEqualTo(0.8);
		assertThat(fused.get(0).sparseScore()).isEqualTo(4.0);
		assertThat(fused.get(2).denseScore()).isNull();
		assertThat(fused.get(2).sparseScore()).isEqualTo(2.0);
		assertThat(ReciprocalRankFusion.fuseAll(List.of(original, paraphrase, another), 1, 2)).hasSize(2);
	}

	private static SearchResult result(String id, Double dense, Double sparse) {
		Chunk chunk = new Chunk(id, "doc-" + id, "text", 0, Map.of(), 1, null, "h");
		return new SearchResult(chunk, 0, 0, dense, sparse);
	}

}
