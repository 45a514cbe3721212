package io.ragwell.web.openai;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.ragwell.core.ChatTurn;
import io.ragwell.query.chat.Conversation;
import io.ragwell.web.openai.ChatCompletionRequest.Message;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How OpenAI's messages become a conversation, and Ragwell's problems OpenAI's error objects. */
class ChatMessagesTests {

	@Test
	void theLastUserMessageIsTheQuestionAndEarlierTurnsTheHistorySystemMessagesIgnored() {
		Conversation conversation = OpenAiController.conversation(List.of(new Message("system", "Be brief."),
				new Message("user", "How do penguins keep eggs warm?"), new Message("assistant", "They huddle [1]."),
				new Message("developer", "Answer in French."),
				new Message("user", List.of(Map.of("type", "text", "text", "and the"), Map.of("type", "text", "text",
						"females?")))));

		assertThat(conversation.question()).isEqualTo("and the\nfemales?");
		assertThat(conversation.history()).containsExactly(
				new ChatTurn(ChatTurn.Role.USER, "How do penguins keep eggs warm?"),
				new ChatTurn(ChatTurn.Role.ASSISTANT, "They huddle [1]."));
	}

	@Test
	void whatCannotBeAnsweredIsRefusedNamingTheParameter() {
		assertThat(refused(List.of()).param()).isEqualTo("messages");
		assertThat(refused(List.of(new Message("user", "q"), new Message("assistant", "a"))).param())
			.isEqualTo("messages");
		assertThat(refused(List.of(new Message("user", "   "))).param()).isEqualTo("messages");
		assertThat(refused(List.of(new Message("tool", "42"), new Message("user", "q"))).param())
			.isEqualTo("messages[0].role");
		assertThat(refused(List.of(new Message("user", List.of(Map.of("type", "image_url", "image_url",
				Map.of("url", "https://example.com/a.png"))))))
			.param()).isEqualTo("messages[0].content");
		assertThat(refused(List.of(new Message(null, "q"))).status()).isEqualTo(400);
	}

	@Test
	void problemsBecomeOpenAisErrorObjectWithTheFieldAsParam() {
		JsonMapper json = JsonMapper.builder().build();
		ProblemDetail invalid = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "top_k must be 1..50");
		invalid.setType(URI.create("urn:ragwell:problem:invalid-request"));
		invalid.setProperty("errors", List.of(Map.of("field", "top_k", "message", "top_k must be 1..50")));
		ProblemDetail unauthenticated = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "no key");
		unauthenticated.setType(URI.create("urn:ragwell:problem:unauthenticated"));
		ProblemDetail unavailable = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "store down");
		unavailable.setType(URI.create("urn:ragwell:problem:dependency-unavailable"));

		ObjectNode badRequest = OpenAiErrors.fromProblem(json, invalid);
		assertThat(badRequest.toString()).isEqualTo("{\"error\":{\"message\":\"top_k must be 1..50\","
				+ "\"type\":\"invalid_request_error\",\"param\":\"top_k\",\"code\":\"invalid_request\"}}");
		assertThat(OpenAiErrors.fromProblem(json, unauthenticated).path("error").path("code").asString())
			.isEqualTo("invalid_api_key");
		ObjectNode serverError = OpenAiErrors.fromProblem(json, unavailable);
		assertThat(serverError.path("error").path("type").asString()).isEqualTo("server_error");
		assertThat(serverError.path("error").path("code").asString()).isEqualTo("dependency_unavailable");
		assertThat(serverError.path("error").path("param").isNull()).isTrue();
	}

	private static OpenAiException refused(List<Message> messages) {
		return catchThrowableOfType(OpenAiException.class, () -> OpenAiController.conversation(messages));
	}

}
