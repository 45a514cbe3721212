package io.ragwell.ops.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.health.*}.
 *
 * @param cacheTtl how long a port's health check is reused. Health is anonymous, and the LLM and remote store
 * checks call the provider (the LLM's with the operator's key), so a flood of probes must not become a flood of
 * provider calls; a few seconds is still well inside a Kubernetes probe period (10 s by default).
 */
@Validated
@ConfigurationProperties("ragwell.health")
public record HealthProperties(@DefaultValue("5s") Duration cacheTtl) {

	public HealthProperties {
		if (cacheTtl.isNegative()) {
			throw new IllegalArgumentException("ragwell.health.cache-ttl must be zero or positive, was " + cacheTtl);
		}
	}

}
