package io.ragwell.store.pinecone;

import java.time.Duration;

import io.ragwell.core.VectorStore;
import io.ragwell.store.VectorStoreContractTests;
import io.ragwell.store.remote.OpenApiValidator;
import io.ragwell.support.RequiresSharedData;
import io.ragwell.support.SharedData;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole store contract against {@link PineconeMock}, which checks every request against Pinecone's
 * 2025-10 data-plane spec. Pinecone has no BM25: sparse search must be rejected, hybrid runs dense-only.
 */
@RequiresSharedData("contracts/pinecone")
class PineconeVectorStoreContractTests extends VectorStoreContractTests {

	static final String API_KEY = "pc-secret-key-456";

	private static OpenApiValidator spec;

	private MockWebServer server;

	PineconeMock mock;

	static synchronized OpenApiValidator spec() {
		if (spec == null) {
			spec = OpenApiValidator.load(SharedData.resolve("contracts/pinecone/db_data_2025-10.oas.yaml"));
		}
		return spec;
	}

	@Override
	protected VectorStore createStore() throws Exception {
		this.mock = new PineconeMock(spec(), API_KEY, DIMENSIONS);
		this.server = new MockWebServer();
		this.server.setDispatcher(this.mock);
		this.server.start();
		return new PineconeVectorStore(new PineconeProperties(this.server.url("/").toString(), API_KEY, "rw-",
				Duration.ofSeconds(5)), DIMENSIONS);
	}

	@Override
	protected String storeName() {
		return "pinecone";
	}

	@Override
	protected boolean supportsSparse() {
		return false;
	}

	@Override
	protected boolean supportsStringRanges() {
		return false;
	}

	@Override
	protected void closeStore(VectorStore store) throws Exception {
		super.closeStore(store);
		if (this.server != null) {
			this.server.close();
		}
	}

	@AfterEach
	void everyRequestConformedToTheSpec() {
		if (this.mock != null) {
			assertThat(this.mock.violations).isEmpty();
		}
	}

}
