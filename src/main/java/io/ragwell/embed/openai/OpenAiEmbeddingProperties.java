package io.ragwell.embed.openai;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.embedding.openai.*}, read when {@code ragwell.embedding.provider=openai}.
 *
 * @param baseUrl endpoint root including {@code /v1}: {@code https://api.openai.com/v1},
 * {@code http://localhost:11434/v1} for Ollama, {@code http://host:8000/v1} for vLLM
 * @param apiKey bearer token; required for api.openai.com, usually none for self-hosted servers; never logged
 * @param model model name sent to the endpoint
 * @param dimensions vector length. Taken from configuration rather than learned from a first response because
 * the vector index is created with it at startup; every response is checked against it
 * @param sendDimensions whether to send {@code dimensions} in the request, which asks text-embedding-3 models
 * to shorten their vectors; turn it off for models that reject the parameter (text-embedding-ada-002)
 * @param maxBatchItems inputs per request; OpenAI accepts at most 2048
 * @param maxBatchTokens estimated tokens per request; OpenAI accepts at most 300,000 summed over the inputs,
 * and the default stays below that because the count is an estimate
 * @param maxInputTokens the longest input in estimated tokens; the chunker keeps chunks within it. OpenAI's
 * models read 8191, the default leaves a margin for the estimate
 * @param timeout per-request timeout; keep it below {@code resilience4j.timelimiter.instances.embedding}
 */
@Validated
@ConfigurationProperties("ragwell.embedding.openai")
public record OpenAiEmbeddingProperties(@DefaultValue("https://api.openai.com/v1") @NotBlank String baseUrl,
		@Nullable String apiKey, @DefaultValue("text-embedding-3-small") @NotBlank String model,
		@DefaultValue("1536") @Min(1) int dimensions, @DefaultValue("true") boolean sendDimensions,
		@DefaultValue("2048") @Min(1) @Max(2048) int maxBatchItems,
		@DefaultValue("250000") @Min(1) int maxBatchTokens, @DefaultValue("7680") @Min(1) int maxInputTokens,
		@DefaultValue("10s") Duration timeout) {

	@Override
	public String toString() {
		// The key stays out of logs and actuator output.
		return "OpenAiEmbeddingProperties[baseUrl=" + this.baseUrl + ", model=" + this.model + ", dimensions="
				+ this.dimensions + ", apiKey=" + ((this.apiKey == null) ? "unset" : "****") + "]";
	}

}
