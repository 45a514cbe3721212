package io.ragwell.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlmAnswerTests {

	@Test
	void recognisesTheAbstentionSentenceAsModelsWriteIt() {
		assertThat(LlmAnswer.isAbstention(LlmAnswer.ABSTENTION)).isTrue();
		assertThat(LlmAnswer.isAbstention("  the sources do not answer this question\n")).isTrue();
		assertThat(LlmAnswer.isAbstention("\"The sources do not answer this question.\"")).isTrue();
		assertThat(LlmAnswer.isAbstention("The sources do not answer this question, but Paris is [1].")).isFalse();
		assertThat(LlmAnswer.isAbstention("Paris [1].")).isFalse();
	}

	@Test
	void anAbstentionCitesNothingAndWritesNoTokens() {
		LlmAnswer abstention = LlmAnswer.abstention(12, 0.4);

		assertThat(abstention.abstained()).isTrue();
		assertThat(abstention.text()).isEqualTo(LlmAnswer.ABSTENTION).doesNotContain("[");
		assertThat(abstention.totalTokens()).isEqualTo(12);
		assertThat(new LlmAnswer("Paris [1].", 1, 2).abstained()).isFalse();
		assertThat(new LlmAnswer("Paris [1].", 1, 2).relevance()).isNaN();
	}

}
