package io.ragwell.store.weaviate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.support.RequiresSharedData;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weaviate-specific traps: 200 responses carrying failures, uuid5 ids, string scores, auth, the spec check. */
@RequiresSharedData("contracts/weaviate")
class WeaviateVectorStoreTests {

	private static final String KEY = WeaviateVectorStoreContractTests.API_KEY;

	private final MockWebServer server = new MockWebServer();

	private WeaviateMock mock;

	private WeaviateVectorStore store;

	@BeforeEach
	void start() throws Exception {
		this.mock = new WeaviateMock(WeaviateVectorStoreContractTests.spec(), KEY);
		this.server.setDispatcher(this.mock);
		this.server.start();
		this.store = store(KEY);
	}

	private WeaviateVectorStore store(String key) {
		return new WeaviateVectorStore(new WeaviateProperties(this.server.url("/").toString(), key, "RagwellChunk",
				Duration.ofSeconds(5), 0.5, 100), 8);
	}

	@AfterEach
	void stop() {
		this.store.close();
		this.server.close();
	}

	private void upsert(String id, String... texts) {
		Document document = new Document(id, "default", String.join(" ", texts), Map.of("topic", "t"), null,
				VectorStoreContractTests_CREATED, VectorStoreContractTests_CREATED);
		List<EmbeddedChunk> chunks = new java.util.ArrayList<>();
		Random random = new Random(id.hashCode());
		for (int i = 0; i < texts.length; i++) {
			float[] vector = new float[8];
			for (int j = 0; j < 8; j++) {
				vector[j] = (float) random.nextGaussian();
			}
			chunks.add(new EmbeddedChunk(new io.ragwell.core.Chunk(id + "#" + i, id, texts[i], i, Map.of("topic", "t"),
					3, null, "h" + i), vector));
		}
		this.store.upsertChunks(document, chunks);
	}

	private static final java.time.Instant VectorStoreContractTests_CREATED = java.time.Instant
		.parse("2026-01-01T00:00:00Z");

	@Test
	void uuid5MatchesWeaviatesGenerateUuid5() {
		assertThat(Uuid5.of("doc-1#0")).hasToString("03868087-d5dc-525f-845f-d0c1b81be3db");
		assertThat(Uuid5.of("doc-1#1")).hasToString("5b939119-6fd4-5b00-b58c-5846db1a27ac");
		assertThat(WeaviateVectorStore.chunkUuid("default", "doc-1#0"))
			.isEqualTo(WeaviateVectorStore.chunkUuid("default", "doc-1#0"))
			.isNotEqualTo(WeaviateVectorStore.chunkUuid("other", "doc-1#0"));
	}

	@Test
	void aBatchAnsweredWith200ButAFailedObjectFailsTheUpsert() {
		this.mock.failObjectsContaining = "poison";
		assertThatThrownBy(() -> upsert("d1", "fine text", "poison text"))
			.isInstanceOfSatisfying(RemoteCallException.class, ex -> {
				assertThat(ex.status()).isEqualTo(200);
				assertThat(ex.retryable()).isFalse();
				assertThat(ex.service()).isEqualTo("vector-store");
			})
			.hasMessageContaining("weaviate")
			.hasMessageContaining("1 of 3 objects failed")
			.hasMessageContaining("vector with length");
	}

	@Test
	void aGraphQlErrorAnsweredWith200FailsTheSearch() {
		upsert("d1", "alpha words");
		this.mock.graphQlError = "explorer: get class: vector search: vector lengths don't match: 4 vs 3";
		assertThatThrownBy(() -> this.store.search(new SearchRequest("default", new float[8], null, 3, null,
				SearchMode.DENSE, 3)))
			.isInstanceOf(RemoteCallException.class)
			.hasMessageContaining("vector lengths don't match");
	}

	@Test
	void stringScoresAreParsedForBm25AndHybrid() {
		upsert("d1", "zebra stripes", "lion mane", "zebra zebra herd");
		List<SearchResult> sparse = this.store.search(new SearchRequest("default", null, "zebra", 3, null,
				SearchMode.SPARSE, 3));
		assertThat(sparse).hasSize(2);
		assertThat(sparse.get(0).sparseScore()).isPositive().isEqualTo(sparse.get(0).score());
		assertThat(sparse.get(0).score()).isGreaterThanOrEqualTo(sparse.get(1).score());
		List<SearchResult> hybrid = this.store.search(new SearchRequest("default", new float[] { 1, 0, 0, 0, 0, 0, 0, 0 },
				"zebra", 3, null, SearchMode.HYBRID, 3));
		assertThat(hybrid).isNotEmpty().allSatisfy(result -> assertThat(result.score()).isPositive());
		assertThat(this.mock.graphQlQueries).anyMatch(query -> query.contains("hybrid: {") && query.contains("alpha: 0.5"));
	}

	@Test
	void aWrongApiKeyIsA401ThatNeverEchoesTheKey() {
		WeaviateVectorStore wrong = store("totally-wrong-key");
		try {
			assertThatThrownBy(() -> wrong.findDocument("default", "x"))
				.isInstanceOfSatisfying(RemoteCallException.class, ex -> {
					assertThat(ex.status()).isEqualTo(401);
					assertThat(ex.retryable()).isFalse();
				})
				.message()
				.doesNotContain("totally-wrong-key")
				.doesNotContain(KEY);
		}
		finally {
			wrong.close();
		}
	}

	@Test
	void theSpecCheckRejectsARequestTheSpecForbids() {
		var spec = WeaviateVectorStoreContractTests.spec();
		var json = JsonMapper.builder().build();
		assertThat(spec.validate("POST", "/v1/batch/objects", Set.of("content-type"), Set.of(),
				json.readTree("{\"objects\":[{\"class\":\"C\",\"id\":\"doc-1#0\",\"vector\":[\"x\"]}]}")))
			.anyMatch(error -> error.contains("not a UUID"))
			.anyMatch(error -> error.contains("must be number"));
		assertThat(spec.validate("POST", "/v1/nothing", Set.of(), Set.of(), null)).isNotEmpty();
		assertThat(spec.validateDefinition(json.readTree("{\"operator\":\"Equals\",\"path\":[\"a\"]}"), "WhereFilter"))
			.anyMatch(error -> error.contains("is not one of"));
	}

	@Test
	void readinessDownIsReportedNotThrown() {
		this.mock.ready = false;
		assertThat(this.store.healthCheck().up()).isFalse();
		this.mock.ready = true;
		assertThat(this.store.healthCheck().up()).isTrue();
	}

}
