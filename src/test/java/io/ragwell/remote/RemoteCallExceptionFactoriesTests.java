package io.ragwell.remote;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.ragwell.core.RemoteCallException;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteCallExceptionFactoriesTests {

	private final RemoteHttp remote = new RemoteHttp("vector-store", "weaviate", RemoteHttp.client(Duration.ofSeconds(3)),
			JsonMapper.builder().build(), RemoteHttp.bearer("sk-secret"), "sk-secret",
			Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@ParameterizedTest
	@CsvSource({ "400, false", "401, false", "404, false", "408, true", "409, true", "422, false", "429, true",
			"500, true", "503, true" })
	void oneRuleDecidesWhichStatusesAreRetried(int status, boolean retryable) {
		assertThat(RemoteCallException.retryableStatus(status)).isEqualTo(retryable);
		assertThat(RemoteCallException.ofStatus("rerank", "failed", status, null, null).retryable()).isEqualTo(retryable);
	}

	@Test
	void ioFailuresAreRetryableWithoutStatusAndNeverCarryTheSecret() {
		RemoteCallException timeout = this.remote.fromIo(new InterruptedIOException("timeout"), "search");
		RemoteCallException refused = this.remote.fromIo(new IOException("refused for sk-secret"), "search");

		assertThat(timeout.code()).isEqualTo("timeout");
		assertThat(timeout.retryable()).isTrue();
		assertThat(timeout.status()).isZero();
		assertThat(timeout).hasMessage("weaviate search timed out after PT3S");
		assertThat(refused.code()).isEqualTo("io_error");
		assertThat(refused.retryable()).isTrue();
		assertThat(refused.getMessage()).doesNotContain("sk-secret").contains("****");
	}

	@Test
	void aQuotaIsNotRetriedAndRetryAfterIsReadByTheOneParser() {
		RemoteCallException quota = this.remote.fromResponse("batch upsert", 429,
				"{\"errorCode\":\"USAGE_LIMIT_EXCEEDED\",\"message\":\"limit\"}", Headers.of("Retry-After", "2"));
		RemoteCallException busy = this.remote.fromResponse("batch upsert", 503, "busy",
				Headers.of("retry-after-ms", "1500"));

		assertThat(quota.retryable()).isFalse();
		assertThat(quota.retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(busy.retryable()).isTrue();
		assertThat(busy.retryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(busy).hasMessage("weaviate batch upsert failed: HTTP 503: busy");
	}

	@Test
	void theOnlyHeadersAreTheOnesGiven() {
		assertThat(RemoteHttp.bearer(" ")).isEmpty();
		assertThat(RemoteHttp.bearer(" k ").get("Authorization")).isEqualTo("Bearer k");
		OkHttpClient client = RemoteHttp.client(Duration.ofSeconds(30));
		assertThat(client.connectTimeoutMillis()).isEqualTo(10_000);
		assertThat(client.callTimeoutMillis()).isEqualTo(30_000);
	}

}
