package io.ragwell.store.lucene;

import java.nio.file.Path;

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
public record StoreProperties(@DefaultValue("lucene") @NotBlank String type, @DefaultValue Lucene lucene) {

	/**
	 * @param path index directory; created when missing
	 * @param vectorEncoding {@code float32} (default) or {@code int8}: how the HNSW graph holds vectors
	 */
	public record Lucene(@DefaultValue("./data/index") Path path,
			@DefaultValue("float32") VectorEncoding vectorEncoding) {
	}

}
