package io.ragwell.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown keys from one address are throttled, and logged a few times a period, never with the key. */
@ExtendWith(OutputCaptureExtension.class)
@RagwellIntegrationTest(properties = {
		"ragwell.security.api-keys[0].key=valid-key-0123456789", "ragwell.security.api-keys[0].name=valid",
		"ragwell.security.api-keys[0].scopes=read", "ragwell.security.failed-authentications.limit-for-period=5",
		"ragwell.security.failed-authentications.refresh-period=1m",
		"ragwell.security.failed-authentications.log-limit-for-period=2" })
class FailedAuthenticationIT {

	private static final String LOG_LINE = "rejected request with an unknown API key";

	@LocalServerPort
	int port;

	@Test
	void anAddressGuessingKeysIsThrottledValidKeysStillPassAndTheLogIsSampledWithoutTheKeys(CapturedOutput output) {
		RagwellHttp http = new RagwellHttp(this.port);
		List<String> guesses = new ArrayList<>();
		List<Integer> statuses = new ArrayList<>();
		RagwellHttp.Response last = null;
		for (int i = 0; i < 30; i++) {
			String guess = "guessed-key-" + i + "-abcdefghijkl";
			guesses.add(guess);
			last = http.send("POST", "/search", "{\"query\":\"q\"}",
					Map.of("X-API-Key", guess, "Content-Type", "application/json"));
			statuses.add(last.status());
		}
		assertThat(statuses.subList(0, 5)).containsOnly(401);
		assertThat(statuses.subList(5, 30)).containsOnly(429);
		assertThat(last.contentType()).startsWith("application/problem+json");
		JsonNode problem = last.json();
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("type").asString()).isEqualTo("urn:ragwell:problem:rate-limited");
		assertThat(problem.get("title").asString()).isEqualTo("Too many requests");
		assertThat(problem.get("detail").asString()).contains("invalid API key").contains("retry after");
		assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);

		// A valid key from the same address is still served: behind a load balancer or a NAT every client shares
		// the address, and one client's wrong key must not lock out the others.
		assertThat(http.send("POST", "/search", "{\"query\":\"q\"}",
				Map.of("X-API-Key", "valid-key-0123456789", "Content-Type", "application/json")).status())
			.isEqualTo(200);
		// ... while the next unknown key is still refused without being checked or logged.
		assertThat(http.send("POST", "/search", "{\"query\":\"q\"}",
				Map.of("X-API-Key", "guessed-key-after-abcdefghijkl", "Content-Type", "application/json")).status())
			.isEqualTo(429);
		// Health needs no key, so probes from the same address still get through.
		assertThat(http.get("/actuator/health").status()).isEqualTo(200);

		String log = output.getAll();
		assertThat(log.split(LOG_LINE, -1).length - 1).as("logged rejections").isEqualTo(2);
		guesses.forEach(guess -> assertThat(log).doesNotContain(guess));
	}

}
