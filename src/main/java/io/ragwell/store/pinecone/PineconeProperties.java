package io.ragwell.store.pinecone;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;


/**
 * {@code ragwell.store.pinecone.*}.
 *
 * @param host the index host from the console or {@code describe_index} ({@code https://my-index-abc.svc.….pinecone.io}),
 * not {@code api.pinecone.io}
 * @param apiKey sent as {@code Api-Key}
 * @param namespacePrefix prepended to every Ragwell namespace, so several deployments can share an index
 * @param timeout bound on every HTTP exchange
 */
@Validated
@ConfigurationProperties("ragwell.store.pinecone")
// host and apiKey are required only when Pinecone is the selected store: checked by PineconeStoreConfiguration,
// since these properties are bound (and would be validated) whatever store is chosen.
public record PineconeProperties(@Nullable String host, @Nullable String apiKey,
		@DefaultValue("ragwell-") String namespacePrefix, @DefaultValue("10s") Duration timeout) {

	@Override
	public String toString() {
		return "PineconeProperties[host=" + this.host + ", apiKey=****, namespacePrefix=" + this.namespacePrefix
				+ ", timeout=" + this.timeout + "]";
	}

}
