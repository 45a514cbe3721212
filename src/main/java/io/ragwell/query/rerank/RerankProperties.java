package io.ragwell.query.rerank;

import java.time.Duration;

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
 * {@code ragwell.rerank.*}.
 *
 * @param type {@code none} (default), {@code mmr}, {@code tei}, {@code cohere} or {@code jina}
 * @param url the reranking server's root URL (tei, cohere, jina)
 * @param apiKey bearer token for the reranking server; never logged
 * @param model model name sent to cohere- and jina-style servers
 * @param lambda MMR's relevance weight, 0 to 1 (1 = plain relevance order, 0 = only diversity)
 * @param candidates how many retrieved chunks are handed to the reranker; at least {@code top_k} are
 * @param timeout bound on one call to a reranking server
 */
@Validated
@ConfigurationProperties("ragwell.rerank")
public record RerankProperties(@DefaultValue("none") @NotBlank String type, @Nullable String url,
		@Nullable String apiKey, @Nullable String model,
		@DefaultValue("0.7") @DecimalMin("0.0") @DecimalMax("1.0") double lambda,
		@DefaultValue("20") @Min(1) @Max(1000) int candidates, @DefaultValue("10s") Duration timeout) {

	@Override
	public String toString() {
		// The key stays out of logs and actuator output.
		return "RerankProperties[type=" + this.type + ", url=" + this.url + ", model=" + this.model + ", apiKey="
				+ ((this.apiKey == null) ? "unset" : "****") + ", lambda=" + this.lambda + ", candidates="
				+ this.candidates + ", timeout=" + this.timeout + "]";
	}

}
