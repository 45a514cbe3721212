package io.ragwell.llm.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorsTests {

	private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

	private final OpenAiErrors errors = new OpenAiErrors(JsonMapper.builder().build(), "sk-secret",
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void prefersRetryAfterMsOverRetryAfter() {
		Headers headers = Headers.of("retry-after-ms", "1500", "retry-after", "20");

		assertThat(this.errors.retryAfter(headers)).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void readsRetryAfterAsSeconds() {
		assertThat(this.errors.retryAfter(Headers.of("Retry-After", "7"))).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void readsRetryAfterAsAnHttpDate() {
		Headers headers = Headers.of("Retry-After", "Thu, 01 May 2025 12:00:30 GMT");

		assertThat(this.errors.retryAfter(headers)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void ignoresMissingOrMalformedRetryHeaders() {
		assertThat(this.errors.retryAfter(Headers.of())).isNull();
		assertThat(this.errors.retryAfter(Headers.of("retry-after", "soon", "retry-after-ms", "-5"))).isNull();
	}

	@Test
	void serverCanOverrideRetryabilityWithXShouldRetry() {
		assertThat(this.errors.fromResponse(400, Headers.of("x-should-retry", "true"), "{}").retryable()).isTrue();
		assertThat(this.errors.fromResponse(503, Headers.of("x-should-retry", "false"), "{}").retryable()).isFalse();
	}

	@Test
	void quotaIsRecognisedByTypeWhenTheCodeIsMissing() {
		String body = "{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":null}}";

		assertThat(this.errors.fromResponse(429, Headers.of(), body).retryable()).isFalse();
	}

}
