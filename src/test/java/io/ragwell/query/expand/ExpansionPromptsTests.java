package io.ragwell.query.expand;

import java.util.ArrayList;
import java.util.List;

import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExpansionPromptsTests {

	@Test
	void paraphrasesAreReadOnePerLineWithoutMarkersQuotesBlanksOrRepeats() {
		String reply = """
				1. How does a cat make its purring sound?
				2) "What causes purring in cats?"

				- why do cats purr
				* What causes purring in cats?
				• Mechanism of feline purring
				""";

		assertThat(ExpansionPrompts.parseParaphrases(reply, "Why do cats purr?", 5)).containsExactly(
				"How does a cat make its purring sound?", "What causes purring in cats?", "why do cats purr",
				"Mechanism of feline purring");
		assertThat(ExpansionPrompts.parseParaphrases(reply, "why do cats purr", 5))
			.doesNotContain("why do cats purr");
		assertThat(ExpansionPrompts.parseParaphrases(reply, "q", 2)).hasSize(2);
		assertThat(ExpansionPrompts.parseParaphrases("", "q", 3)).isEmpty();
	}

	@Test
	void asksTheLlmWithTheExpansionPromptAndNoSources() {
		FakeLlm llm = new FakeLlm("one\ntwo\nthree\nfour");

		List<String> paraphrases = new ExpansionPrompts(llm).paraphrases("why do cats purr", 3);

		assertThat(paraphrases).containsExactly("one", "two", "three");
		assertThat(llm.prompts).singleElement().satisfies(prompt -> {
			assertThat(prompt).contains("Write 3 different search queries").endsWith("Question: why do cats purr");
		});
	}

	@Test
	void hydeReturnsTheModelsPassageTrimmed() {
		FakeLlm llm = new FakeLlm("  Cats purr by twitching their laryngeal muscles.\n");

		assertThat(new ExpansionPrompts(llm).hypotheticalPassage("why do cats purr"))
			.isEqualTo("Cats purr by twitching their laryngeal muscles.");
		assertThat(llm.prompts.get(0)).contains("passage").endsWith("Question: why do cats purr");
	}

	@Test
	void expansionNamesParseAndBadOnesSayWhatIsAccepted() {
		assertThat(Expansion.parse("Multi-Query")).isEqualTo(Expansion.MULTI_QUERY);
		assertThat(Expansion.parse(" hyde ")).isEqualTo(Expansion.HYDE);
		assertThat(Expansion.MULTI_QUERY.label()).isEqualTo("multi-query");
		assertThatIllegalArgumentException().isThrownBy(() -> Expansion.parse("rewrite"))
			.withMessageContaining("none, multi-query, hyde");
	}

	/** Answers every prompt with a fixed text and records the prompts; generate goes through complete's default. */
	static final class FakeLlm implements LlmClient {

		final List<String> prompts = new ArrayList<>();

		private final String reply;

		FakeLlm(String reply) {
			this.reply = reply;
		}

		@Override
		public LlmAnswer generate(LlmRequest request) {
			assertThat(request.sources()).isEmpty();
			this.prompts.add(request.question());
			return new LlmAnswer(this.reply, 10, 10);
		}

		@Override
		public String provider() {
			return "fake";
		}

		@Override
		public String model() {
			return "fake";
		}

		@Override
		public Health healthCheck() {
			return Health.up(java.util.Map.of());
		}

	}

}
