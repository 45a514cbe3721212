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

class ReciprocalRankFusionTests {

	@Test
	void sumsReciprocalRanksAcrossListsAndKeepsBothScores() {
		List<SearchResult> dense = ranked(List.of("a", "b", "c"), 0.9, 0.8, 0.7);
		List<SearchResult> sparse = ranked(List.of("c", "a", "d"), 12.0, 10.0, 5.0);

		List<SearchResult> fused = ReciprocalRankFusion.fuse(dense, sparse, 10);

		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("a", "c", "b", "d");
		assertThat(fused).extracting(SearchResult::rank).containsExactly(1, 2, 3, 4);
		// a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
		assertThat(fused.get(0).score()).isCloseTo(0.0325224749, within(1e-9));
		assertThat(fused.get(1).score()).isCloseTo(0.0322664585, within(1e-9));
		assertThat(fused.get(2).score()).isCloseTo(0.0161290323, within(1e-9));
		assertThat(fused.get(3).score()).isCloseTo(0.0158730159, within(1e-9));
		assertThat(fused.get(0).denseScore()).isEqualTo(0.9);
		assertThat(fused.get(0).sparseScore()).isEqualTo(10.0);
		assertThat(fused.get(1).denseScore()).isEqualTo(0.7);
		assertThat(fused.get(1).sparseScore()).isEqualTo(12.0);
		assertThat(fused.get(2).sparseScore()).isNull();
		assertThat(fused.get(3).denseScore()).isNull();
		assertThat(fused.get(3).sparseScore()).isEqualTo(5.0);
	}

	@Test
	void kDecidesBetweenOneTopRankAndAgreementOfBothLists() {
		// m is 4th in both lists; a and b are 1st in one list only.
		List<SearchResult> dense = ranked(List.of("a", "x", "y", "m"), 4, 3, 2, 1);
		List<SearchResult> sparse = ranked(List.of("b", "p", "q", "m"), 4, 3, 2, 1);

		// k=1: a, b = 1/2; m = 2/5
		assertThat(ReciprocalRankFusion.fuse(dense, sparse, 1, 3)).extracting(r -> r.chunk().id())
			.containsExactly("a", "b", "m");
		// k=60: m = 2/64 beats a, b = 1/61
		assertThat(ReciprocalRankFusion.fuse(dense, sparse, 60, 3)).extracting(r -> r.chunk().id())
			.containsExactly("m", "a", "b");
	}

	@Test
	void breaksTiesByChunkIdWhateverTheInputOrder() {
		// k=1: a = 1/2 + 1/3, b = 1/3 + 1/2: exactly equal
		List<SearchResult> one = ReciprocalRankFusion.fuse(ranked(List.of("b", "a"), 2, 1),
				ranked(List.of("a", "b"), 2, 1), 1, 10);
		List<SearchResult> other = ReciprocalRankFusion.fuse(ranked(List.of("a", "b"), 2, 1),
				ranked(List.of("b", "a"), 2, 1), 1, 10);

		assertThat(one).extracting(r -> r.chunk().id()).containsExactly("a", "b");
		assertThat(other).extracting(r -> r.chunk().id()).containsExactly("a", "b");
		assertThat(one.get(0).score()).isEqualTo(one.get(1).score()).isCloseTo(5.0 / 6.0, within(1e-12));
	}

	@Test
	void returnsAtMostTopNRankedFromOne() {
		List<SearchResult> fused = ReciprocalRankFusion.fuse(ranked(List.of("a", "b", "c"), 3, 2, 1),
				ranked(List.of("d", "e"), 2, 1), 2);

		// a and d tie at 1/61; b and e follow at 1/62
		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("a", "d");
		assertThat(fused).extracting(SearchResult::rank).containsExactly(1, 2);
	}

	@Test
	void ranksByPositionInTheListNotByTheIncomingRankField() {
		List<SearchResult> dense = List.of(result("a", 0.5, 7), result("b", 0.4, 3));

		List<SearchResult> fused = ReciprocalRankFusion.fuse(dense, List.of(), 1, 10);

		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("a", "b");
		assertThat(fused.get(0).score()).isEqualTo(0.5);
		assertThat(fused.get(1).score()).isCloseTo(1.0 / 3.0, within(1e-12));
	}

	@Test
	void countsOnlyTheFirstOccurrenceOfAChunkWithinOneList() {
		List<SearchResult> dense = ranked(List.of("a", "a", "b"), 3, 2, 1);

		List<SearchResult> fused = ReciprocalRankFusion.fuse(dense, List.of(), 1, 10);

		assertThat(fused).extracting(r -> r.chunk().id()).containsExactly("a", "b");
		assertThat(fused.get(0).score()).isEqualTo(0.5);
		assertThat(fused.get(0).denseScore()).isEqualTo(3.0);
		assertThat(fused.get(1).score()).isCloseTo(0.25, within(1e-12));
	}

	@Test
	void fusingEmptyListsGivesNothing() {
		assertThat(ReciprocalRankFusion.fuse(List.of(), List.of(), 5)).isEmpty();
	}

	@Test
	void rejectsNonPositiveKAndTopN() {
		List<SearchResult> dense = ranked(List.of("a"), 1);
		assertThatIllegalArgumentException().isThrownBy(() -> ReciprocalRankFusion.fuse(dense, dense, 0, 5))
			.withMessageContaining("k");
		assertThatIllegalArgumentException().isThrownBy(() -> ReciprocalRankFusion.fuse(dense, dense, 60, 0))
			.withMessageContaining("topN");
	}

	private static List<SearchResult> ranked(List<String> ids, double... scores) {
		List<SearchResult> results = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			results.add(result(ids.get(i), scores[i], i + 1));
		}
		return results;
	}

	private static SearchResult result(String id, double score, int rank) {
		Chunk chunk = new Chunk(id, "doc-" + id, "text of " + id, 0, Map.of(), 3, null, "hash-" + id);
		return new SearchResult(chunk, score, rank, null, null);
	}

}
