package io.ragwell.store.weaviate;

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
 * The whole store contract against {@link WeaviateMock}, which validates every request against Weaviate's
 * official OpenAPI spec and answers in the fixtures' shapes. The delete limit is set low so the repeat-until
 * -done delete loop runs.
 */
@RequiresSharedData("contracts/weaviate")
class WeaviateVectorStoreContractTests extends VectorStoreContractTests {

	static final String API_KEY = "wv-secret-key-123";

	private static OpenApiValidator spec;

	private MockWebServer server;

	/** Parsed once: the spec is large. */
	static synchronized OpenApiValidator spec() {
		if (spec == null) {
			spec = OpenApiValidator.load(SharedData.resolve("contracts/weaviate/openapi.json"));
		}
		return spec;
	}

	private WeaviateMock mock;

	@Override
	protected VectorStore createStore() throws Exception {
		this.mock = new WeaviateMock(spec(), API_KEY);
		this.mock.deleteLimit = 2;
		this.server = new MockWebServer();
		this.server.setDispatcher(this.mock);
		this.server.start();
		WeaviateVectorStore store = new WeaviateVectorStore(new WeaviateProperties(
				this.server.url("/").toString(), API_KEY, "RagwellChunk", Duration.ofSeconds(5), 0.5, 3), DIMENSIONS);
		store.checkAtStartup();
		return store;
	}

	/** Weaviate's own hybrid query fuses server-side with the configured alpha. */
	@Override
	protected boolean appliesTheRequestedFusion() {
		return false;
	}

	@Override
	protected String storeName() {
		return "weaviate";
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
			assertThat(this.mock.violations()).isEmpty();
		}
	}

}
