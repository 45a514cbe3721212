package io.ragwell.embed.openai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEstimateTests {

	@Test
	void emptyAndWhitespaceCostNothing() {
		assertThat(TokenEstimate.count("")).isZero();
		assertThat(TokenEstimate.count(" \n\t ")).isZero();
	}

	@Test
	void shortEnglishWordsCostOneTokenEachAndPunctuationOneMore() {
		// cl100k reads "The cat sat on the mat." as 7 tokens: six words and the full stop.
		assertThat(TokenEstimate.count("The cat sat on the mat.")).isEqualTo(7);
	}

	@Test
	void longWordsCostOneTokenPerFourCharacters() {
		assertThat(TokenEstimate.count("internationalization")).isEqualTo(5);
		assertThat(TokenEstimate.count("abcde")).isEqualTo(2);
	}

	@Test
	void everyNonAsciiCodePointCostsATokenSoCjkIsNotUnderCounted() {
		// Seven CJK characters (cl100k spends 1-2 tokens on each) and one emoji outside the BMP.
		assertThat(TokenEstimate.count("東京は日本の首都")).isEqualTo(8);
		assertThat(TokenEstimate.count("ok 👍")).isEqualTo(2);
	}

	@Test
	void englishProseEstimatesAtOrSomewhatAboveOneTokenPerFourCharacters() {
		String prose = """
				Lucene stores each segment's vectors in a hierarchical navigable small world graph, and a search \
				visits a few hundred nodes of it before it returns the nearest neighbours it has found. Merging \
				segments rebuilds their graphs, which is why bulk ingestion is faster with a larger buffer.""";

		double charsPerToken = (double) prose.length() / TokenEstimate.count(prose);

		// OpenAI's rule of thumb is 4; leaning high is the point, but not so far that chunks halve.
		assertThat(charsPerToken).isBetween(3.0, 4.0);
	}

}
