package io.ragwell.query.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.core.ChatTurn;
import io.ragwell.core.ChatTurn.Role;
import io.ragwell.core.Health;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.RemoteCallException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlmQuestionRewriterTests {

	private static final Conversation PENGUINS = new Conversation(
			List.of(new ChatTurn(Role.USER, "How do emperor penguins keep their eggs warm?"),
					new ChatTurn(Role.ASSISTANT, "Males huddle together [1].")),
			"and the females?");

	@Test
	void aFollowUpIsReplacedByTheModelsStandaloneQuestion() {
		Replying llm = new Replying("Standalone question: \"What do female emperor penguins do while the eggs are kept warm?\"\n");

		QuestionRewriter.Rewritten rewritten = new LlmQuestionRewriter(llm, 2000).rewrite(PENGUINS);

		assertThat(rewritten.question()).isEqualTo("What do female emperor penguins do while the eggs are kept warm?");
		assertThat(rewritten.warnings()).isEmpty();
		assertThat(llm.prompts).singleElement()
			.asString()
			.contains("User: How do emperor penguins keep their eggs warm?")
			.contains("Assistant: Males huddle together [1].")
			.contains("Follow-up question: and the females?");
	}

	@Test
	void aQuestionWithoutHistoryIsKeptWithoutCallingTheModel() {
		Replying llm = new Replying("anything");

		QuestionRewriter.Rewritten rewritten = new LlmQuestionRewriter(llm, 2000)
			.rewrite(new Conversation(List.of(), "How do penguins keep eggs warm?"));

		assertThat(rewritten.question()).isEqualTo("How do penguins keep eggs warm?");
		assertThat(llm.prompts).isEmpty();
	}

	@Test
	void aFailedOrUnusableRewriteKeepsTheQuestionAsAskedWithAWarning() {
		for (LlmClient llm : List.of(new Replying(null), new Replying("   "), new Replying("x".repeat(50)))) {
			QuestionRewriter.Rewritten rewritten = new LlmQuestionRewriter(llm, 40).rewrite(PENGUINS);

			assertThat(rewritten.question()).isEqualTo("and the females?");
			assertThat(rewritten.warnings()).containsExactly(LlmQuestionRewriter.FAILED_WARNING);
		}
	}

	@Test
	void recentKeepsTheLatestTurnsWithinBothBudgets() {
		Conversation chat = new Conversation(List.of(new ChatTurn(Role.USER, "aaaa"), new ChatTurn(Role.ASSISTANT, "bbbb"),
				new ChatTurn(Role.USER, "cccc"), new ChatTurn(Role.ASSISTANT, "dddd")), "q");

		assertThat(chat.recent(3, 100).history()).extracting(ChatTurn::content).containsExactly("bbbb", "cccc", "dddd");
		assertThat(chat.recent(10, 9).history()).extracting(ChatTurn::content).containsExactly("cccc", "dddd");
		assertThat(chat.recent(0, 100).history()).isEmpty();
		assertThat(chat.recent(10, 3).history()).isEmpty();
		assertThat(chat.recent(10, 3).question()).isEqualTo("q");
	}

	/** Replies with a fixed completion, or fails when it has none. */
	private static final class Replying implements LlmClient {

		final List<String> prompts = new ArrayList<>();

		private final String reply;

		Replying(String reply) {
			this.reply = reply;
		}

		@Override
		public LlmAnswer complete(String prompt) {
			this.prompts.add(prompt);
			if (this.reply == null) {
				throw new RemoteCallException("llm", "down", 503, true, null, null, null);
			}
			return new LlmAnswer(this.reply, 1, 1);
		}

		@Override
		public LlmAnswer generate(LlmRequest request) {
			throw new AssertionError("the rewriter only completes");
		}

		@Override
		public String provider() {
			return "openai";
		}

		@Override
		public String model() {
			return "m";
		}

		@Override
		public Health healthCheck() {
			return Health.up(Map.of());
		}

	}

}
