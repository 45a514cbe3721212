package io.ragwell.llm.vision;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.vision.*}: optional image captions.
 *
 * @param baseUrl an OpenAI-compatible endpoint root with {@code /v1} whose model takes images (a vision model in
 * Ollama or vLLM, or OpenAI); empty: no captions
 * @param apiKey bearer token, never logged
 * @param model the vision model
 * @param timeout per call
 * @param maxTokens caption length cap
 * @param prompt what the model is asked
 */
@Validated
@ConfigurationProperties("ragwell.vision")
public record VisionProperties(@DefaultValue("") String baseUrl, @Nullable String apiKey,
		@DefaultValue("gpt-4o-mini") String model, @DefaultValue("60s") Duration timeout,
		@DefaultValue("150") @Min(1) int maxTokens,
		@DefaultValue("Describe this image in one or two factual sentences for a search index. Mention any chart, table or diagram and what it shows.") String prompt) {

	@Override
	public String toString() {
		// The key stays out of logs and actuator output.
		return "VisionProperties[baseUrl=" + this.baseUrl + ", model=" + this.model + ", apiKey="
				+ (this.apiKey == null ? "unset" : "****") + "]";
	}

}
