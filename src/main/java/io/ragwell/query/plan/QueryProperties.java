package io.ragwell.query.plan;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.query.*}. Request limits ({@code top_k}, query length, filters) are in
 * {@code ragwell.limits.*}.
 *
 * @param defaultTopK sources returned when the request names no {@code top_k}
 * @param candidates depth read from each of the dense and BM25 lists before fusion
 * @param rrfK reciprocal rank fusion constant: larger flattens the rank curve
 * @param contextMaxTokens token budget for the sources handed to the LLM
 * @param defaultMode retrieval mode when the request names none: dense, sparse or hybrid
 * @param fusion how hybrid search merges its two lists: {@code rrf} (ranks) or {@code weighted} (normalised
 * scores mixed by {@code alpha})
 * @param alpha weight of the dense list in weighted fusion, 0 to 1 (1 = dense only)
 * @param denseCandidates depth of the dense list; {@code candidates} when unset
 * @param sparseCandidates depth of the BM25 list; {@code candidates} when unset
 * @param expansion query expansion: {@code none}, {@code multi-query} or {@code hyde}; both need a generative
 * LLM and are skipped with a warning under the extractive answerer
 * @param expansionQueries paraphrases multi-query asks the LLM for
 */
// Defaults measured on SciFact train (docs/EVALUATION.md): weighted fusion at alpha 0.5 beat RRF k=60 by ~2
// nDCG@10 points; 100 candidates per list beat 50 by 0.3 and 200 added nothing.
@Validated
@ConfigurationProperties("ragwell.query")
public record QueryProperties(@DefaultValue("5") @Min(1) int defaultTopK, @DefaultValue("100") @Min(1) int candidates,
		@DefaultValue("60") @Min(1) int rrfK, @DefaultValue("2000") @Min(1) int contextMaxTokens,
		@DefaultValue("hybrid") @NotBlank String defaultMode, @DefaultValue("weighted") @NotBlank String fusion,
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double alpha,
		@Nullable @Min(1) Integer denseCandidates, @Nullable @Min(1) Integer sparseCandidates,
		@DefaultValue("none") @NotBlank String expansion, @DefaultValue("3") @Min(1) @Max(10) int expansionQueries) {

	public int denseDepth() {
		return (this.denseCandidates != null) ? this.denseCandidates : this.candidates;
	}

	public int sparseDepth() {
		return (this.sparseCandidates != null) ? this.sparseCandidates : this.candidates;
	}

}
