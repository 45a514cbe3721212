package io.ragwell.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code ragwell.query.*}. Request limits ({@code top_k}, query length, filters) are in
 * {@code ragwell.limits.*}.
 *
 * @param defaultTopK sources returned when the request names no {@code top_k}
 * @param candidates depth read from each of the dense and BM25 lists before fusion
 * @param rrfK reciprocal rank fusion constant: larger flattens the rank curve
 * @param contextMaxTokens token budget for the sources handed to the LLM
 * @param defaultMode retrieval mode when the request names none: dense, sparse or hybrid
 */
@Validated
@ConfigurationProperties("ragwell.query")
public record QueryProperties(@DefaultValue("5") @Min(1) int defaultTopK, @DefaultValue("50") @Min(1) int candidates,
		@DefaultValue("60") @Min(1) int rrfK, @DefaultValue("2000") @Min(1) int contextMaxTokens,
		@DefaultValue("hybrid") @NotBlank String defaultMode) {
}
