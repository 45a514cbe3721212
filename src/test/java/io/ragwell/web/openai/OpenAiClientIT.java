package io.ragwell.web.openai;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ragwell.support.KeyedIntegrationTest;
import io.ragwell.support.NodeScripts;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code openai} npm package (src/test/node/openai-client, lockfile committed) drives the running
 * service as an application would: models, a completion, the same one streamed, a follow-up turn, and the SDK's
 * own exceptions for a wrong key, an unsupported parameter and an unknown model. The script only reports what it
 * saw; the assertions are here.
 */
@KeyedIntegrationTest
class OpenAiClientIT {

	private static final String BEES = "Honey bees live in colonies ruled by a single queen. Worker bees are females"
			+ " that gather nectar and pollen and build the comb. Drones are male bees whose only task is to mate with"
			+ " a queen. In autumn the workers drive the drones out of the hive.";

	private static final String TIDES = "Tides are caused mainly by the gravitational pull of the Moon. Spring tides"
			+ " happen when the Sun and the Moon are aligned.";

	@LocalServerPort
	int port;

	@Test
	void theOfficialClientTalksToRagwellUnchanged() throws java.io.IOException {
		Path client = NodeScripts.client("openai-client");
		// The same documents in both namespaces: the plain and the streamed completion are each computed fresh.
		for (String key : List.of(KeyedIntegrationTest.ALPHA, KeyedIntegrationTest.BETA)) {
			RagwellHttp.Response ingested = new RagwellHttp(this.port).send("POST", "/documents",
					RagwellHttp.JSON.writeValueAsString(Map.of("documents",
							List.of(Map.of("id", "openai-bees", "content", BEES),
									Map.of("id", "openai-tides", "content", TIDES)))),
					Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
			assertThat(ingested.status()).as(ingested.body()).isBetween(200, 201);
		}

		NodeScripts.Result run = NodeScripts.run(client, List.of("node", "client-test.mjs"),
				Map.of("RAGWELL_BASE_URL", "http://localhost:" + this.port + "/v1", "RAGWELL_KEY",
						KeyedIntegrationTest.ALPHA, "RAGWELL_OTHER_KEY", KeyedIntegrationTest.BETA, "RAGWELL_QUESTION",
						"What do worker bees do?", "RAGWELL_FOLLOW_UP", "And what happens to the drones in autumn?"),
				Duration.ofMinutes(2));
		assertThat(run.exitCode()).as(run.output()).isZero();
		// What the client saw, kept for a human to read next to the test report.
		java.nio.file.Files.writeString(Path.of("target", "openai-client-output.json"), run.stdout());
		JsonNode seen = RagwellHttp.JSON.readTree(run.stdout());

		// models.list() and models.retrieve()
		assertThat(seen.path("models").valueStream().map((m) -> m.path("id").asString()).toList())
			.containsExactly("ragwell", "ragwell-hybrid", "ragwell-dense", "ragwell-sparse");
		assertThat(seen.path("models").path(0).path("object").asString()).isEqualTo("model");
		assertThat(seen.path("retrieved_model").asString()).isEqualTo("ragwell-sparse");

		// A plain completion: text with citations into the extra sources field, usage filled.
		JsonNode completion = seen.path("completion");
		assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
		assertThat(completion.path("id").asString()).startsWith("chatcmpl-");
		assertThat(completion.path("model").asString()).isEqualTo("ragwell");
		assertThat(completion.path("role").asString()).isEqualTo("assistant");
		assertThat(completion.path("finish_reason").asString()).isEqualTo("stop");
		String content = completion.path("content").asString();
		assertThat(content).contains("nectar").contains("[1]");
		assertThat(completion.path("sources")).hasSize(1);
		assertThat(completion.path("sources").path(0).path("chunk").path("document_id").asString())
			.isEqualTo("openai-bees");
		JsonNode usage = completion.path("usage");
		assertThat(usage.path("prompt_tokens").asInt()).isPositive();
		assertThat(usage.path("completion_tokens").asInt()).isPositive();
		assertThat(usage.path("total_tokens").asInt())
			.isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
		assertThat(completion.path("ragwell").path("mode").asString()).isEqualTo("extractive");
		assertThat(completion.path("ragwell").path("cached").asBoolean()).isFalse();

		// Streamed: chunks of one completion, reassembled to the plain completion's text, usage in the last chunk.
		JsonNode streamed = seen.path("streamed");
		assertThat(streamed.path("content").asString()).isEqualTo(content);
		assertThat(streamed.path("content_chunks").asInt()).as("one chunk per quoted sentence").isGreaterThan(1);
		assertThat(streamed.path("ids")).hasSize(1);
		assertThat(streamed.path("objects").valueStream().map(JsonNode::asString).toList())
			.containsExactly("chat.completion.chunk");
		assertThat(streamed.path("role").asString()).isEqualTo("assistant");
		assertThat(streamed.path("finish_reason").asString()).isEqualTo("stop");
		assertThat(streamed.path("usage")).isEqualTo(usage);
		assertThat(streamed.path("first_sources").path(0).path("chunk").path("id").asString())
			.isEqualTo(completion.path("sources").path(0).path("chunk").path("id").asString());

		// A follow-up turn: history accepted; the extractive answerer keeps the question as asked (no LLM to
		// rewrite it) and answers it from the right sentence.
		JsonNode followUp = seen.path("follow_up");
		assertThat(followUp.path("ragwell").path("question").asString())
			.isEqualTo("And what happens to the drones in autumn?");
		assertThat(followUp.path("content").asString()).contains("drive the drones out").contains("[");
		assertThat(followUp.path("sources").valueStream()
			.map((s) -> s.path("chunk").path("document_id").asString())
			.toList()).contains("openai-bees");

		// A wrong key is the SDK's AuthenticationError (401, OpenAI's error object), for every endpoint.
		JsonNode wrongKey = seen.path("wrong_key");
		assertThat(wrongKey.path("is_authentication_error").asBoolean()).as(wrongKey.toString()).isTrue();
		assertThat(wrongKey.path("status").asInt()).isEqualTo(401);
		assertThat(wrongKey.path("code").asString()).isEqualTo("invalid_api_key");
		assertThat(wrongKey.path("message").asString()).doesNotContain("not-a-key-of-this-service");
		assertThat(seen.path("wrong_key_models").path("is_authentication_error").asBoolean()).isTrue();

		// Unsupported parameters and unknown models are refused as OpenAI refuses them.
		JsonNode twoChoices = seen.path("two_choices");
		assertThat(twoChoices.path("is_bad_request_error").asBoolean()).as(twoChoices.toString()).isTrue();
		assertThat(twoChoices.path("param").asString()).isEqualTo("n");
		assertThat(twoChoices.path("type").asString()).isEqualTo("invalid_request_error");
		JsonNode unknownModel = seen.path("unknown_model");
		assertThat(unknownModel.path("is_not_found_error").asBoolean()).as(unknownModel.toString()).isTrue();
		assertThat(unknownModel.path("code").asString()).isEqualTo("model_not_found");
	}

}
