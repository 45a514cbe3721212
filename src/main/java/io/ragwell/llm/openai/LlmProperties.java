package io.ragwell.llm.openai;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.llm.*}.
 *
 * @param provider {@code extractive} (offline, default) or {@code openai} (any OpenAI-compatible endpoint)
 * @param baseUrl endpoint root including {@code /v1}, e.g. {@code http://localhost:11434/v1} for Ollama
 * @param apiKey bearer token; never logged
 * @param model model name sent to the endpoint
 * @param timeout per-call timeout
 * @param maxTokens completion token cap
 * @param temperature sampling temperature
 * @param maxSentences sentences the extractive answerer composes
 * @param sentenceCacheSize source-sentence vectors the extractive answerer keeps (0: none)
 * @param streamReadTimeout longest silence while streaming: before the first chunk and between two chunks. The
 * per-call {@code timeout} still bounds the whole stream; this one notices a stalled stream long before it
 */
@Validated
@ConfigurationProperties("ragwell.llm")
public record LlmProperties(@DefaultValue("extractive") @NotBlank String provider,
		@DefaultValue("https://api.openai.com/v1") String baseUrl, @Nullable String apiKey,
		@DefaultValue("gpt-4o-mini") String model, @DefaultValue("60s") Duration timeout,
		@DefaultValue("512") @Min(1) int maxTokens, @DefaultValue("0.1") double temperature,
		@DefaultValue("3") @Min(1) int maxSentences, @DefaultValue("20000") @Min(0) int sentenceCacheSize,
		@DefaultValue("30s") Duration streamReadTimeout) {

	@Override
	public String toString() {
		// The key stays out of logs and actuator output.
		return "LlmProperties[provider=" + this.provider + ", baseUrl=" + this.baseUrl + ", model=" + this.model
				+ ", apiKey=" + (this.apiKey == null ? "unset" : "****") + "]";
	}

}
