package io.ragwell.tuning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.core.SearchMode;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.rank.Scored;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TunerTests {

	private static final RetrievalSettings SPARSE = new RetrievalSettings(SearchMode.SPARSE, Fusion.WEIGHTED, 0.5, 60,
			100);

	@Test
	void theGridStartsWithTheCurrentSettingsIsBoundedAndHasNoDuplicates() {
		List<RetrievalSettings> grid = Tuner.grid(SPARSE);
		assertThat(grid.get(0)).isEqualTo(SPARSE);
		assertThat(grid).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(Tuner.MAX_GRID);
		assertThat(grid).extracting(RetrievalSettings::mode)
			.contains(SearchMode.DENSE, SearchMode.SPARSE, SearchMode.HYBRID);
		assertThat(Tuner.depth(grid)).isEqualTo(200);
		RetrievalSettings odd = new RetrievalSettings(SearchMode.HYBRID, Fusion.WEIGHTED, 0.55, 60, 300);
		assertThat(Tuner.grid(odd).get(0)).isEqualTo(odd);
		assertThat(Tuner.depth(Tuner.grid(odd))).isEqualTo(300);
	}

	@Test
	void eachModeRanksByItsOwnListAndHybridFusesThem() {
		// Dense finds the relevant document first, BM25 last: dense scores 1, sparse less, hybrid in between.
		Map<String, String> documents = new HashMap<>();
		for (String id : List.of("rel", "x", "y", "z")) {
			documents.put(id + "#0", id);
		}
		Tuner.Lists question = new Tuner.Lists(Map.of("rel", 1),
				List.of(new Scored("rel#0", 0.9), new Scored("x#0", 0.5), new Scored("y#0", 0.4)),
				List.of(new Scored("x#0", 9), new Scored("y#0", 8), new Scored("z#0", 7), new Scored("rel#0", 1)),
				documents, false);
		double dense = Tuner.ndcgAt10(new RetrievalSettings(SearchMode.DENSE, Fusion.WEIGHTED, 0.5, 60, 100), question);
		double sparse = Tuner.ndcgAt10(SPARSE, question);
		double hybrid = Tuner.ndcgAt10(new RetrievalSettings(SearchMode.HYBRID, Fusion.WEIGHTED, 0.5, 60, 100),
				question);
		assertThat(dense).isEqualTo(1.0);
		assertThat(sparse).isLessThan(hybrid);
		assertThat(hybrid).isLessThanOrEqualTo(dense);
		// A depth that cuts the relevant chunk out of BM25's list leaves BM25 nothing.
		assertThat(Tuner.ndcgAt10(new RetrievalSettings(SearchMode.SPARSE, Fusion.WEIGHTED, 0.5, 60, 3), question))
			.isZero();
	}

	@Test
	void scoresAreAveragedPerPart() {
		Map<String, String> documents = Map.of("a#0", "a", "b#0", "b");
		Tuner.Lists hit = new Tuner.Lists(Map.of("a", 1), List.of(new Scored("a#0", 1)), List.of(new Scored("a#0", 1)),
				documents, false);
		Tuner.Lists miss = new Tuner.Lists(Map.of("a", 1), List.of(new Scored("b#0", 1)), List.of(new Scored("b#0", 1)),
				documents, true);
		List<Tuner.Score> scores = Tuner.score(List.of(SPARSE), List.of(hit, miss));
		assertThat(scores).singleElement().satisfies((score) -> {
			assertThat(score.tuningNdcgAt10()).isEqualTo(1.0);
			assertThat(score.heldOutNdcgAt10()).isZero();
		});
	}

	@Test
	void theHeldOutSplitIsStableAndNearTheFraction() {
		int heldOut = 0;
		for (int i = 0; i < 2000; i++) {
			String question = "question number " + i;
			assertThat(Tuner.heldOut(question, 0.3)).isEqualTo(Tuner.heldOut(question, 0.3));
			heldOut += Tuner.heldOut(question, 0.3) ? 1 : 0;
		}
		assertThat(heldOut).isBetween(500, 700);
	}

}
