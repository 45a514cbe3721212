package io.ragwell.store.weaviate;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.store.weaviate.*}.
 *
 * @param url base URL of the Weaviate server, without {@code /v1}
 * @param apiKey sent as {@code Authorization: Bearer}; none when blank
 * @param collection prefix of the per-namespace classes: chunks go to {@code <collection>_ns_<namespace>},
 * document records to {@code <collection>Document_ns_<namespace>}. GraphQL uses them as type names, so it
 * starts with an upper-case letter
 * @param timeout bound on every HTTP exchange
 * @param hybridAlpha weight of the vector side in hybrid search: 0 is pure BM25, 1 pure vector
 * @param batchSize objects per {@code POST /v1/batch/objects}; Weaviate parses a batch whole, so a few hundred
 */
@Validated
@ConfigurationProperties("ragwell.store.weaviate")
public record WeaviateProperties(@DefaultValue("http://localhost:8080") @NotBlank String url, @Nullable String apiKey,
		@DefaultValue("RagwellChunk") @Pattern(regexp = "[A-Z][_0-9A-Za-z]*",
				message = "must start with an upper-case letter and hold only letters, digits and _") String collection,
		@DefaultValue("10s") Duration timeout,
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double hybridAlpha,
		@DefaultValue("200") @Min(1) @Max(1000) int batchSize) {

	/** Masks the API key: a record's own toString would print it wherever the properties are logged or bound. */
	@Override
	public String toString() {
		return "WeaviateProperties[url=" + this.url + ", apiKey=" + ((this.apiKey == null) ? "unset" : "****")
				+ ", collection=" + this.collection + ", timeout=" + this.timeout + ", hybridAlpha=" + this.hybridAlpha
				+ ", batchSize=" + this.batchSize + "]";
	}

}
