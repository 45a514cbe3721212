package io.ragwell.store.opensearch;

import java.time.Duration;

import io.ragwell.core.VectorStore;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.store.VectorStoreContractTests;
import io.ragwell.support.OpenSearchServer;

/**
 * The store contract against a real OpenSearch with the k-NN plugin ({@code .ci/opensearch} starts one and
 * exports {@code RAGWELL_OPENSEARCH_URL}); each test gets its own index, deleted afterwards.
 */
class OpenSearchVectorStoreContractIT extends VectorStoreContractTests {

	private String index;

	@Override
	protected VectorStore createStore() {
		String url = OpenSearchServer.url();
		this.index = OpenSearchServer.uniqueIndex("ragwell-contract");
		return new OpenSearchVectorStore(new OpenSearchProperties(url, this.index, null, null, Duration.ofSeconds(30), Duration.ofMillis(500)),
				DIMENSIONS, ReciprocalRankFusion.DEFAULT_K);
	}

	@Override
	protected String storeName() {
		return "opensearch";
	}

	@Override
	protected void closeStore(VectorStore store) {
		((OpenSearchVectorStore) store).close();
		OpenSearchServer.deleteIndex(this.index);
	}

}
