package io.ragwell.llm.extractive;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTests {

	@Test
	void splitsAtSentenceFinalPunctuationFollowedByACapital() {
		assertThat(SentenceSplitter.split("The cache is warm. Is it fast? Yes! It is."))
			.containsExactly("The cache is warm.", "Is it fast?", "Yes!", "It is.");
	}

	@Test
	void keepsDecimalsAndVersionNumbersInsideTheSentence() {
		assertThat(SentenceSplitter.split("Latency dropped by 2.5 ms in v1.2.3 of the server. Throughput rose."))
			.containsExactly("Latency dropped by 2.5 ms in v1.2.3 of the server.", "Throughput rose.");
	}

	@Test
	void doesNotSplitAfterCommonAbbreviations() {
		assertThat(SentenceSplitter.split(
				"Use a store, e.g. Lucene, i.e. the default. Smith et al. Showed it first. Dr. Jones agreed."))
			.containsExactly("Use a store, e.g. Lucene, i.e. the default.", "Smith et al. Showed it first.",
					"Dr. Jones agreed.");
	}

	@Test
	void doesNotSplitAfterInitialsOrNumberAbbreviations() {
		assertThat(SentenceSplitter.split("J. R. R. Tolkien wrote it. See No. 5 on p. 12 for details. There is no. Really."))
			.containsExactly("J. R. R. Tolkien wrote it.", "See No. 5 on p. 12 for details.", "There is no.",
					"Really.");
	}

	@Test
	void doesNotSplitBeforeALowercaseWord() {
		assertThat(SentenceSplitter.split("It costs approx. five dollars. It ships in the U.S. and Canada."))
			.containsExactly("It costs approx. five dollars.", "It ships in the U.S. and Canada.");
	}

	@Test
	void keepsClosingQuotesAndBracketsWithTheirSentence() {
		assertThat(SentenceSplitter.split("He said \"stop.\" Then he left. (It was late.) Nobody followed."))
			.containsExactly("He said \"stop.\"", "Then he left.", "(It was late.)", "Nobody followed.");
	}

	@Test
	void treatsParagraphsAndListItemsAsBoundariesAndDropsHeadings() {
		String markdown = """
				# Installation

				Download the archive
				and unpack it
				- Run the installer
				- Restart the service
				2. Check the logs
				""";
		assertThat(SentenceSplitter.split(markdown)).containsExactly("Download the archive and unpack it",
				"- Run the installer", "- Restart the service", "2. Check the logs");
	}

	@Test
	void yieldsNothingForBlankText() {
		assertThat(SentenceSplitter.split(" \n\n \t")).isEmpty();
	}

	@Test
	void spansLocateEverySentenceInTheOriginalText() {
		String text = """
				# Heading

				  The cache   is warm.\tIs it\u00a0fast?  Yes! Latency dropped by 2.5 ms
				in v1.2.3 of the server (see Fig. 3).\r\nThroughput rose.
				- Run the installer
				- Restart  the service

				J. R. R. Tolkien wrote it. See No. 5 on p. 12.   \u2028Done …  \
				""";
		List<String> sentences = SentenceSplitter.split(text);

		int[] spans = SentenceSplitter.spans(text);

		assertThat(sentences).hasSizeGreaterThan(6);
		assertThat(spans).hasSize(sentences.size() * 2);
		for (int i = 0; i < sentences.size(); i++) {
			String located = text.substring(spans[2 * i], spans[2 * i + 1]);
			// The located text, lines joined and white space collapsed, is exactly the sentence, and it starts
			// and ends on the sentence's own characters.
			assertThat(located.replaceAll("\\s+", " ")).as("sentence %d", i).isEqualTo(sentences.get(i));
			assertThat(located.charAt(0)).isEqualTo(sentences.get(i).charAt(0));
		}
		assertThat(SentenceSplitter.spans(" \n\n \t")).isEmpty();
	}

}
