package io.ragwell.store.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore.Upsert;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.support.OpenSearchServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one tenant writes changes neither another tenant's scores nor its schema, against a real OpenSearch
 * ({@code .ci/opensearch}): each namespace has its own index, and metadata keys are data, not fields.
 */
class OpenSearchTenantIsolationIT {

	private static final int DIMENSIONS = 8;

	private final JsonMapper json = JsonMapper.builder().build();

	private String index;

	private OpenSearchVectorStore store;

	@BeforeEach
	void createStore() {
		this.index = OpenSearchServer.uniqueIndex("ragwell-isolation");
		this.store = new OpenSearchVectorStore(
				new OpenSearchProperties(OpenSearchServer.url(), this.index, null, null, Duration.ofSeconds(60), Duration.ofMillis(500)),
				DIMENSIONS, ReciprocalRankFusion.DEFAULT_K);
	}

	@AfterEach
	void deleteIndices() {
		if (this.store != null) {
			this.store.close();
			OpenSearchServer.deleteIndex(this.index);
		}
	}

	@Test
	void aTenantsSparseScoresAreTheSameWithAndWithoutALargeCorpusInAnotherTenant() {
		Random random = new Random(7);
		List<Upsert> tenantA = new ArrayList<>();
		String[] texts = { "the river runs past the glacier", "a glacier feeds the river delta",
				"forest paths along the river", "desert wind and dry river beds", "ocean tides and a volcano" };
		for (int d = 0; d < texts.length; d++) {
			tenantA.add(upsert("tenant-a", "a-" + d, Map.of(), List.of(texts[d]), random));
		}
		this.store.upsertAll(tenantA);
		SearchRequest query = new SearchRequest("tenant-a", null, "river glacier", 10, null, SearchMode.SPARSE, 10);
		List<SearchResult> alone = this.store.search(query);
		assertThat(alone).hasSize(4);

		// 600 chunks in tenant B, every one with "river" and none with "glacier": in a shared index this
		// lowers river's IDF and raises glacier's for tenant A, and so moves A's scores.
		List<Upsert> tenantB = new ArrayList<>();
		for (int d = 0; d < 200; d++) {
			tenantB.add(upsert("tenant-b", "b-" + d, Map.of(),
					List.of("river number " + d, "another river " + d + " text", "long river bank " + d), random));
		}
		this.store.upsertAll(tenantB);
		List<SearchResult> beside = this.store.search(query);

		assertThat(scores(beside)).isEqualTo(scores(alone));
		assertThat(ids(beside)).isEqualTo(ids(alone));
		assertThat(this.store.chunkCount()).isEqualTo(605);
	}

	@Test
	void fifteenHundredMetadataKeysInOneTenantNeitherGrowTheMappingNorBreakAnotherTenant() {
		Random random = new Random(11);
		// Three documents of 500 distinct keys each: 1,500 keys, beyond OpenSearch's 1,000-field limit were each
		// key a field.
		List<Upsert> tenantA = new ArrayList<>();
		for (int d = 0; d < 3; d++) {
			Map<String, Object> metadata = new LinkedHashMap<>();
			for (int k = 0; k < 500; k++) {
				int key = d * 500 + k;
				metadata.put("key" + key, (key % 2 == 0) ? "v" + key : (Object) (long) key);
			}
			tenantA.add(upsert("tenant-a", "a-" + d, metadata, List.of("wide metadata " + d), random));
		}
		this.store.upsertAll(tenantA);
		// The same key with another type in the same tenant, which a per-key field would refuse.
		this.store.upsertAll(List.of(upsert("tenant-a", "a-typed", Map.of("key1", "now a string", "key0", 3.5),
				List.of("retyped keys"), random)));

		// Tenant B uses key7 as a boolean, which tenant A's documents hold as a number.
		this.store.upsertAll(List.of(
				upsert("tenant-b", "b-0", Map.of("lang", "en", "year", 2020L, "key7", true), List.of("tenant b text"),
						random),
				upsert("tenant-b", "b-1", Map.of("lang", "de", "year", 2024L), List.of("tenant b other"), random)));

		assertThat(documentIds("tenant-b", new Comparison("lang", Op.EQ, "en"))).containsExactly("b-0");
		assertThat(documentIds("tenant-b", new Comparison("year", Op.GT, 2021L))).containsExactly("b-1");
		assertThat(documentIds("tenant-b", new Comparison("key7", Op.EQ, true))).containsExactly("b-0");
		assertThat(documentIds("tenant-a", new Comparison("key1499", Op.GTE, 1499L))).containsExactly("a-2");
		assertThat(documentIds("tenant-a", new Comparison("key1", Op.EQ, "now a string"))).containsExactly("a-typed");
		assertThat(documentIds("tenant-a", new Comparison("key0", Op.LT, 4L))).containsExactly("a-typed");
		assertThat(documentIds("tenant-a", new Comparison("key0", Op.EQ, "v0"))).containsExactly("a-0");

		List<String> fieldsA = mappedFields(OpenSearchFields.namespaceIndex(this.index, "tenant-a"));
		List<String> fieldsB = mappedFields(OpenSearchFields.namespaceIndex(this.index, "tenant-b"));
		assertThat(fieldsA).isEqualTo(fieldsB).hasSizeLessThan(20).doesNotContain("key0", "lang");
	}

	@Test
	void aSharedIndexOfTheEarlierLayoutIsLeftAloneAndNotRead() {
		assertThat(OpenSearchServer.send("PUT", "/" + this.index, "{}").status()).isEqualTo(200);
		OpenSearchServer.Response legacy = OpenSearchServer.send("PUT", "/" + this.index + "/_doc/old?refresh=true",
				"{\"kind\": \"chunk\", \"namespace\": \"tenant-a\", \"text\": \"river from the old layout\"}");
		assertThat(legacy.status()).as(legacy.body()).isEqualTo(201);

		this.store.upsertAll(List.of(upsert("tenant-a", "a-0", Map.of(), List.of("river today"), new Random(3))));

		assertThat(ids(this.store.search(new SearchRequest("tenant-a", null, "river", 10, null, SearchMode.SPARSE, 10))))
			.containsExactly("a-0#0");
		assertThat(this.store.chunkCount()).isEqualTo(1);
		assertThat(OpenSearchServer.send("GET", "/" + this.index + "/_count", null).body()).contains("\"count\":1");
	}

	private List<String> documentIds(String namespace, MetadataFilter filter) {
		float[] vector = new float[DIMENSIONS];
		vector[0] = 1;
		return this.store.search(new SearchRequest(namespace, vector, null, 100, filter, SearchMode.DENSE, 100))
			.stream()
			.map(result -> result.chunk().documentId())
			.distinct()
			.sorted()
			.toList();
	}

	/** Every field name of the index's mapping, nested ones as dotted paths, sorted. */
	private List<String> mappedFields(String index) {
		OpenSearchServer.Response response = OpenSearchServer.send("GET", "/" + index + "/_mapping", null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode properties = this.json.readTree(response.body()).path(index).path("mappings").path("properties");
		List<String> fields = new ArrayList<>();
		collect("", properties, fields);
		return fields.stream().sorted().toList();
	}

	private static void collect(String prefix, JsonNode properties, List<String> fields) {
		for (Map.Entry<String, JsonNode> field : properties.properties()) {
			fields.add(prefix + field.getKey());
			if (field.getValue().has("properties")) {
				collect(prefix + field.getKey() + ".", field.getValue().path("properties"), fields);
			}
		}
	}

	private static List<Double> scores(List<SearchResult> results) {
		return results.stream().map(SearchResult::score).toList();
	}

	private static List<String> ids(List<SearchResult> results) {
		return results.stream().map(result -> result.chunk().id()).toList();
	}

	private static Upsert upsert(String namespace, String id, Map<String, Object> metadata, List<String> texts,
			Random random) {
		Instant now = Instant.parse("2026-01-02T03:04:05Z");
		Document document = new Document(id, namespace, String.join("\n", texts), metadata, null, now, now);
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int p = 0; p < texts.size(); p++) {
			String text = texts.get(p);
			chunks.add(new EmbeddedChunk(new Chunk(Chunk.idFor(id, p), id, text, p, metadata, text.split(" ").length,
					(@Nullable String) null, "hash-" + text.hashCode()), randomUnit(random)));
		}
		return new Upsert(document, chunks);
	}

	private static float[] randomUnit(Random random) {
		float[] vector = new float[DIMENSIONS];
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

}
