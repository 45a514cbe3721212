package io.ragwell.store.assets;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ragwell.assets.*}.
 *
 * @param path directory for the images documents were read from (per namespace and document); with several
 * replicas, a shared volume
 */
@ConfigurationProperties("ragwell.assets")
public record AssetProperties(@DefaultValue("./data/assets") Path path) {
}
