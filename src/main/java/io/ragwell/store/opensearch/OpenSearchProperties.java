package io.ragwell.store.opensearch;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.store.opensearch.*}, read when {@code ragwell.store.type=opensearch}.
 *
 * @param url base URL of the cluster (any node or a load balancer in front of them)
 * @param index base name of the indices: each namespace gets its own, {@code <index>-ns-<namespace>}, created
 * on the namespace's first write with the embedder's dimensions
 * @param username user for HTTP basic authentication; none when blank
 * @param password password for HTTP basic authentication; never logged
 * @param timeout bound on each HTTP call, connect to last byte
 * @param generationTtl how long a replica keeps its copy of a namespace's write generation: the bound on how
 * stale another replica's cached answers can be after a write through this one (one real-time GET per
 * namespace per this interval per replica)
 */
@Validated
@ConfigurationProperties("ragwell.store.opensearch")
public record OpenSearchProperties(@DefaultValue("http://localhost:9200") @NotBlank String url,
		// OpenSearch's own rules for index names: lowercase, no leading '_', '-' or '+', none of \/*?"<>| ,#:
		// and at most 255 bytes, which leaves room for the longest namespace suffix (-nsx- and 32 hex digits).
		@DefaultValue("ragwell") @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,179}",
				message = "must be a lowercase OpenSearch index name") String index,
		@Nullable String username, @Nullable String password, @DefaultValue("10s") Duration timeout,
		@DefaultValue("500ms") Duration generationTtl) {

	/** Masks the password so that logging or printing the properties never shows it. */
	@Override
	public String toString() {
		return "OpenSearchProperties[url=" + this.url + ", index=" + this.index + ", username=" + this.username
				+ ", password=" + ((this.password == null) ? "null" : "****") + ", timeout=" + this.timeout + ", generationTtl=" + this.generationTtl + "]";
	}

}
