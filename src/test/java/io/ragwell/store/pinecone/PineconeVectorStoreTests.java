package io.ragwell.store.pinecone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.support.RequiresSharedData;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pinecone-specific limits and failure shapes: batch splitting, 429, headers, the key kept secret. */
@RequiresSharedData("contracts/pinecone")
class PineconeVectorStoreTests {

	private static final String KEY = PineconeVectorStoreContractTests.API_KEY;

	private static final int DIMENSIONS = 8;

	private final MockWebServer server = new MockWebServer();

	private PineconeMock mock;

	private PineconeVectorStore store;

	@BeforeEach
	void start() throws Exception {
		this.mock = new PineconeMock(PineconeVectorStoreContractTests.spec(), KEY, DIMENSIONS);
		this.server.setDispatcher(this.mock);
		this.server.start();
		this.store = store(KEY);
	}

	private PineconeVectorStore store(String key) {
		return new PineconeVectorStore(new PineconeProperties(this.server.url("/").toString(), key, "rw-",
				Duration.ofSeconds(5)), DIMENSIONS);
	}

	@AfterEach
	void stop() {
		this.store.close();
		this.server.close();
		assertThat(this.mock.violations).isEmpty();
	}

	private static List<ObjectNode> vectors(int count, int textBytes) {
		List<ObjectNode> vectors = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ObjectNode vector = JsonNodeFactory.instance.objectNode().put("id", "d#" + i);
			var values = vector.putArray("values");
			for (int d = 0; d < DIMENSIONS; d++) {
				values.add((d == i % DIMENSIONS) ? 1.0f : 0.0f);
			}
			vector.putObject("metadata").put("text", "x".repeat(textBytes));
			vectors.add(vector);
		}
		return vectors;
	}

	@Test
	void upsertsSplitAt1000Vectors() {
		this.store.upsertVectors("rw-default", vectors(2500, 10));
		assertThat(this.mock.upsertBatchSizes).containsExactly(1000, 1000, 500);
		assertThat(this.mock.namespaces.get("rw-default")).hasSize(2500);
	}

	@Test
	void upsertsSplitBeforeTwoMegabytes() {
		// 30 KB of metadata each: 2 MB holds 68 of them, far fewer than 1000.
		this.store.upsertVectors("rw-default", vectors(200, 30_000));
		assertThat(this.mock.upsertBatchSizes).hasSizeGreaterThan(2).allMatch(size -> size < 70);
		assertThat(this.mock.upsertBatchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
		for (RecordedRequest request : this.mock.requests) {
			assertThat(request.getBodySize()).isLessThanOrEqualTo(2 * 1024 * 1024);
		}
	}

	@Test
	void a429WithoutRetryAfterIsRetryable() {
		this.mock.rateLimited.set(1);
		assertThatThrownBy(this.store::chunkCount).isInstanceOfSatisfying(RemoteCallException.class, ex -> {
			assertThat(ex.status()).isEqualTo(429);
			assertThat(ex.retryable()).isTrue();
			assertThat(ex.retryAfter()).isNull();
			assertThat(ex.code()).isEqualTo("8");
		}).hasMessageContaining("pinecone");
		assertThat(this.store.chunkCount()).isZero();
	}

	@Test
	void everyRequestCarriesTheApiKeyAndVersionHeaders() {
		this.store.upsertVectors("rw-default", vectors(3, 10));
		this.store.search(new SearchRequest("default", new float[] { 1, 0, 0, 0, 0, 0, 0, 0 }, null, 2, null,
				SearchMode.DENSE, 2));
		this.store.delete("default", "d");
		assertThat(this.mock.requests).isNotEmpty().allSatisfy(request -> {
			assertThat(request.getHeaders().get("Api-Key")).isEqualTo(KEY);
			assertThat(request.getHeaders().get("X-Pinecone-Api-Version")).isEqualTo("2025-10");
		});
	}

	@Test
	void aRejectedKeyIsNeverEchoedInTheFailure() {
		PineconeVectorStore wrong = store("pc-wrong-key-789");
		try {
			assertThatThrownBy(wrong::chunkCount).isInstanceOfSatisfying(RemoteCallException.class,
					ex -> assertThat(ex.retryable()).isFalse())
				.message()
				.contains("401")
				.doesNotContain("pc-wrong-key-789");
			assertThat(new PineconeProperties("http://h", "pc-wrong-key-789", "p", Duration.ofSeconds(1)).toString())
				.doesNotContain("pc-wrong-key-789");
		}
		finally {
			wrong.close();
		}
	}

	@Test
	void largeDocumentContentIsSplitIntoPartsUnderTheMetadataCap() {
		assertThat(PineconeVectorStore.parts("a".repeat(20_001))).hasSize(3);
		assertThat(PineconeVectorStore.parts("")).containsExactly("");
	}

}
