package io.ragwell.store.lucene;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.store.*}.
 *
 * @param type {@code lucene} (embedded, default)
 * @param lucene embedded index settings
 */
@Validated
@ConfigurationProperties("ragwell.store")
public record StoreProperties(@DefaultValue("lucene") @NotBlank String type, @DefaultValue @Valid Lucene lucene) {

	/**
	 * @param path index directory; created when missing
	 * @param vectorEncoding {@code float32} (default) or {@code int8}: how the HNSW graph holds vectors
	 * @param bm25 the BM25 parameters of the sparse search
	 */
	public record Lucene(@DefaultValue("./data/index") Path path,
			@DefaultValue("float32") VectorEncoding vectorEncoding, @DefaultValue @Valid Bm25 bm25) {
	}

	/**
	 * BM25's two parameters. Applied when searching only: Lucene's norms (the encoded chunk lengths) do not
	 * depend on them, so changing them needs no re-indexing. Lucene's defaults; Anserini's BEIR baselines use
	 * k1 0.9, b 0.4 (docs/EVALUATION.md, "Round three", measures both on SciFact).
	 *
	 * @param k1 term frequency saturation: 0 ignores how often a term occurs, larger values count repeats
	 * longer
	 * @param b length normalisation: 0 ignores chunk length, 1 scales term frequency fully by length against
	 * the average
	 */
	public record Bm25(@DefaultValue("1.2") @DecimalMin("0.0") @DecimalMax("10.0") double k1,
			@DefaultValue("0.75") @DecimalMin("0.0") @DecimalMax("1.0") double b) {
	}

}
