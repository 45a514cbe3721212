package io.ragwell.query.retrieve;

import java.util.List;
import java.util.Map;

import io.ragwell.core.Chunk;
import io.ragwell.core.SearchResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PseudoRelevanceFeedbackTests {

	@Test
	void rocchioMovesTheQueryTowardsTheFeedbackCentroidAndKeepsUnitLength() {
		float[] moved = PseudoRelevanceFeedback.rocchio(new float[] { 2, 0 },
				List.of(new float[] { 0, 1 }, new float[] { 0, 3 }), 0.5);
		// Each vector counts by direction: (0.5 * (1, 0) + 0.5 * (0, 1)) normalised.
		assertThat(moved[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
		assertThat(moved[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
	}

	@Test
	void rocchioWithoutFeedbackOrWeightIsTheQuery() {
		float[] query = { 0.6f, 0.8f };
		assertThat(PseudoRelevanceFeedback.rocchio(query, List.of(), 0.5)).isSameAs(query);
		assertThat(PseudoRelevanceFeedback.rocchio(query, List.of(new float[] { 1, 0 }), 0)).isSameAs(query);
	}

	@Test
	void expansionTermsAreTheFeedbacksFrequentTopicWordsWeightedByScore() {
		List<SearchResult> feedback = List.of(result("a", "Insulin resistance and insulin signalling in the liver.", 3),
				result("b", "The liver stores glycogen; glycogen and insulin.", 1));
		// "insulin" is a query word, "the"/"and"/"in" are function words; liver is in both chunks, signalling and
		// resistance only in the better one, glycogen twice in the weaker one.
		assertThat(PseudoRelevanceFeedback.expansionTerms("What does insulin do?", feedback, 3))
			.containsExactly("liver", "resistance", "signalling");
		assertThat(PseudoRelevanceFeedback.expansionTerms("insulin", feedback, 10)).contains("glycogen")
			.doesNotContain("insulin", "the", "and", "in");
	}

	@Test
	void expandedTextRepeatsTheQuestionThenAddsTheTerms() {
		assertThat(PseudoRelevanceFeedback.expandedText("q words", List.of("x", "y"), 2)).isEqualTo("q words\nq words\nx y");
		assertThat(PseudoRelevanceFeedback.expandedText("q words", List.of(), 2)).isEqualTo("q words");
	}

	private static SearchResult result(String id, String text, double score) {
		return new SearchResult(new Chunk(Chunk.idFor(id, 0), id, text, 0, Map.of(), 10, null, "h-" + id), score, 1,
				null, score);
	}

}
