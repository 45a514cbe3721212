package io.ragwell.store.assets;

import io.ragwell.core.AssetStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The asset store on local disk, unless the application declares another. */
@Configuration(proxyBeanMethods = false)
public class AssetStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean(AssetStore.class)
	public FileSystemAssetStore fileSystemAssetStore(AssetProperties properties) {
		return new FileSystemAssetStore(properties.path());
	}

}
