package io.ragwell.web.security;

import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A key over its rate gets 429 with Retry-After; another key is unaffected. */
@RagwellIntegrationTest(properties = {
		"ragwell.security.api-keys[0].key=busy-key-0123456789", "ragwell.security.api-keys[0].name=busy",
		"ragwell.security.api-keys[0].scopes=read", "ragwell.security.api-keys[1].key=calm-key-0123456789",
		"ragwell.security.api-keys[1].name=calm", "ragwell.security.api-keys[1].scopes=read",
		"ragwell.security.rate-limit.limit-for-period=3", "ragwell.security.rate-limit.refresh-period=1m" })
class RateLimitIT {

	@LocalServerPort
	int port;

	@Test
	void keyOverItsRateIsToldWhenToRetry() {
		RagwellHttp http = new RagwellHttp(this.port);
		Map<String, String> busy = Map.of("X-API-Key", "busy-key-0123456789", "Content-Type", "application/json");
		for (int i = 0; i < 3; i++) {
			assertThat(http.send("POST", "/search", "{\"query\":\"q\",\"mode\":\"sparse\"}", busy).status())
				.isEqualTo(200);
		}
		RagwellHttp.Response limited = http.send("POST", "/search", "{\"query\":\"q\",\"mode\":\"sparse\"}", busy);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.contentType()).startsWith("application/problem+json");
		assertThat(limited.header("Retry-After")).isEqualTo("60");
		assertThat(limited.json().get("type").asString()).isEqualTo("urn:ragwell:problem:rate-limited");
		assertThat(limited.json().get("detail").asString()).contains("retry after 60 seconds");
		assertThat(http.send("POST", "/search", "{\"query\":\"q\",\"mode\":\"sparse\"}",
				Map.of("X-API-Key", "calm-key-0123456789", "Content-Type", "application/json")).status())
			.isEqualTo(200);
	}

}
