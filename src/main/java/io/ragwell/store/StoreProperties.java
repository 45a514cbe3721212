package io.ragwell.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

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
	 */
	public record Lucene(@DefaultValue("./data/index") Path path) {
	}

}
