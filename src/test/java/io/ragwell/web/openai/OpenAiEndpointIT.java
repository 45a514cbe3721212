package io.ragwell.web.openai;

import java.util.List;
import java.util.Map;

import io.ragwell.support.KeyedIntegrationTest;
import io.ragwell.support.RagwellHttp;
import io.ragwell.support.Sse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI-compatible endpoints' wire details that the official client does not show: every error under
 * {@code /v1} in OpenAI's error object (whoever raised it: the key filter, the scope check, MVC, validation), a
 * stream without {@code include_usage}, and the same namespaces as {@code /query}.
 */
@KeyedIntegrationTest
class OpenAiEndpointIT {

	@LocalServerPort
	int port;

	@Test
	void everyErrorUnderV1IsOpenAisErrorObjectWithTheProblemsStatusAndHeaders() {
		RagwellHttp.Response anonymous = new RagwellHttp(this.port).get("/v1/models");
		assertOpenAiError(anonymous, 401, "invalid_request_error", "invalid_api_key");
		assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");

		assertOpenAiError(send("GET", "/v1/models", KeyedIntegrationTest.WRITER, null), 403, "permission_error",
				"forbidden");
		assertOpenAiError(send("GET", "/v1/no-such-endpoint", KeyedIntegrationTest.ALPHA, null), 404,
				"invalid_request_error", "not_found");
		assertOpenAiError(send("GET", "/v1/models/gpt-4o", KeyedIntegrationTest.ALPHA, null), 404,
				"invalid_request_error", "model_not_found");
		assertOpenAiError(send("POST", "/v1/chat/completions", KeyedIntegrationTest.ALPHA, "{\"model\": "), 400,
				"invalid_request_error", "unreadable_body");
		RagwellHttp.Response badTopK = send("POST", "/v1/chat/completions", KeyedIntegrationTest.ALPHA,
				Map.of("model", "ragwell", "top_k", 0, "messages", List.of(Map.of("role", "user", "content", "q"))));
		assertOpenAiError(badTopK, 400, "invalid_request_error", "invalid_request");
		assertThat(badTopK.json().path("error").path("param").asString()).isEqualTo("top_k");
		RagwellHttp.Response tooLong = send("POST", "/v1/chat/completions", KeyedIntegrationTest.ALPHA,
				Map.of("model", "ragwell", "messages", List.of(Map.of("role", "user", "content", "q".repeat(2001)))));
		assertOpenAiError(tooLong, 400, "invalid_request_error", "invalid_request");
		assertThat(tooLong.json().path("error").path("param").asString()).isEqualTo("messages");
		RagwellHttp.Response tools = send("POST", "/v1/chat/completions", KeyedIntegrationTest.ALPHA,
				Map.of("model", "ragwell", "tools", List.of(Map.of("type", "function")), "messages",
						List.of(Map.of("role", "user", "content", "q"))));
		assertOpenAiError(tools, 400, "invalid_request_error", "unsupported_parameter");
		assertThat(tools.json().path("error").path("param").asString()).isEqualTo("tools");

		// Outside /v1 the same failures stay problem details.
		assertThat(new RagwellHttp(this.port).get("/documents/x").contentType()).startsWith("application/problem+json");
	}

	@Test
	void aStreamWithoutIncludeUsageHasNoUsageAndEndsWithDone() {
		RagwellHttp.Response ingested = send("POST", "/documents", KeyedIntegrationTest.ALPHA,
				Map.of("id", "openai-endpoint-volcano", "content", "Volcanoes erupt when magma rises through the crust."
						+ " Lava that reaches the surface cools into basalt."));
		assertThat(ingested.status()).as(ingested.body()).isBetween(200, 201);

		RagwellHttp.Response streamed = send("POST", "/v1/chat/completions", KeyedIntegrationTest.ALPHA,
				Map.of("model", "ragwell-sparse", "stream", true, "temperature", 0.2, "max_tokens", 50, "messages",
						List.of(Map.of("role", "user", "content", "What does lava cool into?"))));

		assertThat(streamed.status()).as(streamed.body()).isEqualTo(200);
		assertThat(streamed.contentType()).startsWith("text/event-stream");
		List<Sse.Event> events = Sse.parse(streamed.body());
		assertThat(events.getLast().data()).isEqualTo("[DONE]");
		List<JsonNode> chunks = events.subList(0, events.size() - 1)
			.stream()
			.map((event) -> RagwellHttp.JSON.readTree(event.data()))
			.toList();
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.has("usage")).isFalse();
			assertThat(chunk.path("model").asString()).isEqualTo("ragwell-sparse");
		});
		assertThat(chunks.getLast().path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
		assertThat(chunks.getLast().path("ragwell").path("search_mode").asString()).isEqualTo("sparse");
		String text = chunks.stream()
			.map((chunk) -> chunk.path("choices").path(0).path("delta").path("content").asString(""))
			.reduce("", String::concat);
		assertThat(text).contains("basalt [1]");
	}

	@Test
	void aKeySeesOnlyItsNamespacesDocuments() {
		RagwellHttp.Response added = send("POST", "/documents", KeyedIntegrationTest.ALPHA, Map.of("id",
				"openai-endpoint-alpha-only", "content", "The lighthouse keeper lights the lamp at dusk every day."));
		assertThat(added.status()).as(added.body()).isBetween(200, 201);
		Map<String, Object> question = Map.of("model", "ragwell", "messages",
				List.of(Map.of("role", "user", "content", "When does the lighthouse keeper light the lamp?")));

		JsonNode alpha = send("POST", "/v1/chat/completions", KeyedIntegrationTest.ALPHA, question).json();
		JsonNode beta = send("POST", "/v1/chat/completions", KeyedIntegrationTest.BETA, question).json();

		assertThat(documents(alpha)).contains("openai-endpoint-alpha-only");
		assertThat(documents(beta)).doesNotContain("openai-endpoint-alpha-only");
	}

	private static List<String> documents(JsonNode completion) {
		return completion.path("sources")
			.valueStream()
			.map((source) -> source.path("chunk").path("document_id").asString())
			.toList();
	}

	private static void assertOpenAiError(RagwellHttp.Response response, int status, String type, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode error = response.json().path("error");
		assertThat(error.path("type").asString()).as(response.body()).isEqualTo(type);
		assertThat(error.path("code").asString()).as(response.body()).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotBlank();
		assertThat(error.has("param")).isTrue();
		assertThat(response.json().propertyNames()).containsExactly("error");
	}

	private RagwellHttp.Response send(String method, String path, String key, Object body) {
		String json = (body == null || body instanceof String) ? (String) body : RagwellHttp.JSON.writeValueAsString(body);
		return new RagwellHttp(this.port).send(method, path, json, Map.of("Authorization", "Bearer " + key,
				"Content-Type", "application/json"));
	}

}
