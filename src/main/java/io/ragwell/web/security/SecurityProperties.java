package io.ragwell.web.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.security.*}.
 *
 * @param apiKeys accepted keys; empty means the service runs open (with a warning at start)
 * @param rateLimit per-key request rate
 * @param failedAuthentications how unknown keys are throttled and logged
 */
@Validated
@ConfigurationProperties("ragwell.security")
public record SecurityProperties(@DefaultValue @Valid List<ApiKey> apiKeys, @DefaultValue @Valid RateLimit rateLimit,
		@DefaultValue @Valid FailedAuthentications failedAuthentications) {

	/** What a key may do. */
	public enum Scope {

		/** {@code /query}, {@code /search}, {@code GET /documents/{id}}, {@code POST /feedback}, the OpenAPI document. */
		READ,
		/** {@code POST /documents}, {@code DELETE /documents/{id}}. */
		WRITE,
		/** actuator endpoints, evaluations, {@code GET /feedback}, and the details of health (its status is anonymous). */
		ADMIN

	}

	/**
	 * @param key the secret; at least 16 characters; never logged
	 * @param name a label for logs and metrics
	 * @param scopes what the key may do
	 * @param namespace the tenant namespace the key is confined to; absent means the default namespace
	 */
	public record ApiKey(@NotBlank String key, @NotBlank String name, @NotEmpty Set<Scope> scopes,
			@Nullable String namespace) {

		public ApiKey {
			if (key != null && !key.isBlank() && key.length() < 16) {
				throw new IllegalArgumentException("ragwell.security.api-keys: the key named '" + name
						+ "' is shorter than 16 characters; use a long random value");
			}
		}

		@Override
		public String toString() {
			return "ApiKey[name=" + this.name + ", scopes=" + this.scopes + ", namespace=" + this.namespace + "]";
		}

	}

	/**
	 * @param enabled whether requests are rate limited per key
	 * @param limitForPeriod requests a key may make per period
	 * @param refreshPeriod the period
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("100") @Min(1) int limitForPeriod,
			@DefaultValue("1s") Duration refreshPeriod) {
	}

	/**
	 * Unknown keys, counted per client address ({@code server.forward-headers-strategy} decides whether that is
	 * the proxy's or the client's). An address over the limit gets 429 for the rest of the period, before its
	 * key is checked; clients sharing an address share the budget.
	 *
	 * @param limitForPeriod unknown keys an address may present per period
	 * @param refreshPeriod the period
	 * @param logLimitForPeriod rejected keys logged per period over all addresses; the next line counts the rest
	 */
	public record FailedAuthentications(@DefaultValue("10") @Min(1) int limitForPeriod,
			@DefaultValue("1m") Duration refreshPeriod, @DefaultValue("5") @Min(0) int logLimitForPeriod) {
	}

}
