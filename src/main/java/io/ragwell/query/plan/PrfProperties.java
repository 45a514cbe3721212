package io.ragwell.query.plan;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.query.prf.*}: pseudo-relevance feedback. A search runs once, its best {@code docs} chunks are
 * taken as relevant, and the search runs again with a query moved towards them: on the dense side the query
 * vector towards the mean of their stored vectors (Rocchio), on the BM25 side the query text with the terms that
 * are most frequent in them (RM3-style). Each costs a second store search (and, for the dense side, reading the
 * feedback chunks' vectors), never a model call. Both are off by default; docs/EVALUATION.md has the
 * measurements.
 *
 * @param docs chunks of the first search taken as relevant
 * @param denseWeight weight of the feedback centroid in the new query vector, 0 to 1 (0 = no dense feedback):
 * {@code q' = (1 - w) q + w mean(v)}, normalised
 * @param terms expansion terms added to the BM25 query (0 = no BM25 feedback)
 * @param queryWeight how many times the original query's terms count against each expansion term's once
 */
@Validated
@ConfigurationProperties("ragwell.query.prf")
public record PrfProperties(@DefaultValue("5") @Min(1) @Max(50) int docs,
		@DefaultValue("0") @DecimalMin("0.0") @DecimalMax("1.0") double denseWeight,
		@DefaultValue("0") @Min(0) @Max(50) int terms, @DefaultValue("2") @Min(1) @Max(10) int queryWeight) {

	/** No feedback: the search runs once. */
	public static final PrfProperties OFF = new PrfProperties(5, 0, 0, 2);

	public boolean dense() {
		return this.denseWeight > 0;
	}

	public boolean sparse() {
		return this.terms > 0;
	}

}
