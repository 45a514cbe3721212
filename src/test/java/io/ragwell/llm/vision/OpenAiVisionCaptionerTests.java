package io.ragwell.llm.vision;

import java.time.Duration;
import java.util.Base64;

import io.ragwell.core.RemoteCallException;
import io.ragwell.llm.openai.OpenAiContract;
import io.ragwell.support.RequiresSharedData;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The captioner against MockWebServer speaking OpenAI's chat completions (replies from ../shared/contracts). */
@RequiresSharedData("contracts/openai")
class OpenAiVisionCaptionerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private OpenAiVisionCaptioner captioner;

	@BeforeEach
	void start() throws Exception {
		this.server.start();
		this.captioner = new OpenAiVisionCaptioner(new VisionProperties(this.server.url("/v1").toString(),
				"sk-vision-0123456789", "llava", Duration.ofSeconds(5), 120, "Describe it."));
	}

	@AfterEach
	void stop() {
		this.captioner.close();
		this.server.close();
	}

	@Test
	void sendsTheImageAsADataUrlContentPartAndReturnsTheMessage() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body(OpenAiContract.read("chat-completion.response.json"))
			.build());
		byte[] image = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };

		String caption = this.captioner.caption(image, "image/png");

		assertThat(caption).isEqualTo("Hello! How can I assist you today?");
		RecordedRequest recorded = this.server.takeRequest();
		assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
		assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer sk-vision-0123456789");
		JsonNode body = JSON.readTree(recorded.getBody().utf8());
		assertThat(body.path("model").asString()).isEqualTo("llava");
		assertThat(body.path("max_tokens").asInt()).isEqualTo(120);
		JsonNode content = body.path("messages").path(0).path("content");
		assertThat(body.path("messages").path(0).path("role").asString()).isEqualTo("user");
		assertThat(content.path(0).path("type").asString()).isEqualTo("text");
		assertThat(content.path(0).path("text").asString()).isEqualTo("Describe it.");
		assertThat(content.path(1).path("type").asString()).isEqualTo("image_url");
		assertThat(content.path(1).path("image_url").path("url").asString())
			.isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(image));
	}

	@Test
	void aRateLimitIsARetryableFailureWithItsRetryAfterAndNoKeyInTheMessage() {
		this.server.enqueue(new MockResponse.Builder().code(429)
			.setHeader("Content-Type", "application/json")
			.setHeader("Retry-After", "3")
			.body(OpenAiContract.read("error-429-rate-limit.response.json"))
			.build());

		RemoteCallException failure = catchThrowableOfType(RemoteCallException.class,
				() -> this.captioner.caption(new byte[] { 1 }, "image/jpeg"));

		assertThat(failure.retryable()).isTrue();
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(failure.service()).isEqualTo("vision");
		assertThat(failure.getMessage()).doesNotContain("sk-vision-0123456789");
	}

	@Test
	void aReplyWithoutAMessageIsAFailureNotAnEmptyCaption() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/json")
			.body("{\"choices\":[]}")
			.build());

		assertThat(catchThrowableOfType(RemoteCallException.class,
				() -> this.captioner.caption(new byte[] { 1 }, "image/png")))
			.isNotNull();
	}

}
