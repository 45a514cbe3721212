package io.ragwell.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * {@code ragwell.query.*}.
 *
 * @param defaultTopK sources returned when the request names no {@code top_k}
 * @param maxTopK largest {@code top_k} accepted
 * @param candidates depth read from each of the dense and BM25 lists before fusion
 * @param rrfK reciprocal rank fusion constant: larger flattens the rank curve
 * @param contextMaxTokens token budget for the sources handed to the LLM
 * @param defaultMode retrieval mode when the request names none: dense, sparse or hybrid
 * @param maxQueryChars longest query accepted
 * @param maxFilterDepth deepest $and/$or nesting accepted
 * @param maxFilterListSize longest list in a filter accepted
 */
@Validated
@ConfigurationProperties("ragwell.query")
public record QueryProperties(@DefaultValue("5") @Min(1) int defaultTopK, @DefaultValue("50") @Min(1) @Max(1000) int maxTopK,
		@DefaultValue("50") @Min(1) int candidates, @DefaultValue("60") @Min(1) int rrfK,
		@DefaultValue("2000") @Min(1) int contextMaxTokens, @DefaultValue("hybrid") @NotBlank String defaultMode,
		@DefaultValue("2000") @Min(1) int maxQueryChars, @DefaultValue("8") @Min(1) int maxFilterDepth,
		@DefaultValue("100") @Min(1) int maxFilterListSize) {
}
