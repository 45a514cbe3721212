package io.ragwell.store.weaviate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.VectorStore.Upsert;
import io.ragwell.support.RequiresSharedData;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tenants against the spec-validating {@link WeaviateMock}: each namespace has its own classes, so BM25
 * statistics (which the mock computes over every object of the queried class, as Weaviate does per shard) and
 * the metadata schema are the tenant's own. Had the store queried one shared class, tenant B's corpus would
 * move tenant A's scores and B's metadata types would refuse A's writes.
 */
@RequiresSharedData("contracts/weaviate")
class WeaviateTenantIsolationTests {

	private static final String KEY = WeaviateVectorStoreContractTests.API_KEY;

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	private static final int DIMENSIONS = 8;

	private final MockWebServer server = new MockWebServer();

	private WeaviateMock mock;

	private WeaviateVectorStore store;

	@BeforeEach
	void start() throws Exception {
		this.mock = new WeaviateMock(WeaviateVectorStoreContractTests.spec(), KEY);
		this.server.setDispatcher(this.mock);
		this.server.start();
		this.store = new WeaviateVectorStore(new WeaviateProperties(this.server.url("/").toString(), KEY,
				"RagwellChunk", Duration.ofSeconds(5), 0.5, 100), DIMENSIONS);
	}

	@AfterEach
	void stop() {
		this.store.close();
		this.server.close();
		assertThat(this.mock.violations()).isEmpty();
	}

	private static Upsert upsert(String namespace, String id, Map<String, Object> metadata, String... texts) {
		Document document = new Document(id, namespace, String.join(" ", texts), metadata, null, CREATED, CREATED);
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < texts.length; i++) {
			float[] vector = new float[DIMENSIONS];
			vector[(id.hashCode() + i) & 7] = 1;
			vector[(i + 3) % DIMENSIONS] += 0.5f;
			chunks.add(new EmbeddedChunk(new Chunk(id + "#" + i, id, texts[i], i, metadata, 3, null, "h" + i), vector));
		}
		return new Upsert(document, chunks);
	}

	private List<SearchResult> search(String namespace, SearchMode mode, String text, MetadataFilter filter) {
		float[] vector = new float[DIMENSIONS];
		vector[0] = 1;
		vector[2] = 0.5f;
		return this.store.search(new SearchRequest(namespace, (mode == SearchMode.SPARSE) ? null : vector, text, 10,
				filter, mode, 10));
	}

	private static Map<String, Double> scores(List<SearchResult> results) {
		Map<String, Double> scores = new HashMap<>();
		results.forEach(result -> scores.put(result.chunk().id(), result.score()));
		return scores;
	}

	private List<String> documentIds(String namespace, MetadataFilter filter) {
		return search(namespace, SearchMode.DENSE, null, filter).stream()
			.map(result -> result.chunk().documentId())
			.distinct()
			.sorted()
			.toList();
	}

	private List<String> propertyNames(String className) {
		List<String> names = new ArrayList<>();
		for (JsonNode property : this.mock.classes.get(className).path("properties")) {
			names.add(property.path("name").asString());
		}
		return names;
	}

	private String propertyType(String className, String property) {
		for (JsonNode candidate : this.mock.classes.get(className).path("properties")) {
			if (candidate.path("name").asString().equals(property)) {
				return candidate.path("dataType").path(0).asString();
			}
		}
		return null;
	}

	@Test
	void aTenantsSparseAndHybridScoresDoNotDependOnAnotherTenantsCorpus() {
		this.store.upsertAll(List.of(upsert("tenant-a", "a-1", Map.of(), "the river flows north", "mountains and snow"),
				upsert("tenant-a", "a-2", Map.of(), "a river delta in spring"),
				upsert("tenant-a", "a-3", Map.of(), "quiet forest paths")));
		Map<String, Double> sparseBefore = scores(search("tenant-a", SearchMode.SPARSE, "river delta", null));
		Map<String, Double> hybridBefore = scores(search("tenant-a", SearchMode.HYBRID, "river delta", null));
		assertThat(sparseBefore).containsOnlyKeys("a-1#0", "a-2#0");

		// A larger corpus in tenant B, dense with the query's words and with long texts: shared statistics
		// (document frequency, average length) would move every one of A's scores.
		List<Upsert> corpus = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			corpus.add(upsert("tenant-b", "b-" + i, Map.of(), "river river delta " + "filler words ".repeat(i % 7),
					"the river again and again"));
		}
		this.store.upsertAll(corpus);

		assertThat(scores(search("tenant-a", SearchMode.SPARSE, "river delta", null))).isEqualTo(sparseBefore);
		assertThat(scores(search("tenant-a", SearchMode.HYBRID, "river delta", null))).isEqualTo(hybridBefore);
		// The same text scores differently in B, whose statistics are its own: the corpus does matter.
		this.store.upsertAll(List.of(upsert("tenant-b", "b-x", Map.of(), "a river delta in spring")));
		assertThat(scores(search("tenant-b", SearchMode.SPARSE, "river delta", null)).get("b-x#0"))
			.isNotEqualTo(sparseBefore.get("a-2#0"));
		assertThat(this.mock.graphQlQueries).filteredOn(query -> query.contains("bm25:"))
			.allMatch(query -> query.contains("RagwellChunk_ns_tenant_a(") || query.contains("RagwellChunk_ns_tenant_b("));
		assertThat(this.store.chunkCount()).isEqualTo(4 + 120 + 1);
		// One shard per class: the statistics are the whole tenant's.
		assertThat(this.mock.classes.get("RagwellChunk_ns_tenant_a").path("shardingConfig").path("desiredCount")
			.asInt()).isEqualTo(1);
	}

	@Test
	void aKeyCanBeANumberInOneTenantAndAStringInAnother() {
		this.store.upsertAll(List.of(upsert("tenant-a", "a-1", Map.of("priority", 3L), "first"),
				upsert("tenant-a", "a-2", Map.of("priority", 7L), "second")));
		this.store.upsertAll(List.of(upsert("tenant-b", "b-1", Map.of("priority", "high"), "first"),
				upsert("tenant-b", "b-2", Map.of("priority", "low"), "second")));

		assertThat(propertyType("RagwellChunk_ns_tenant_a", "meta_priority")).isEqualTo("number");
		assertThat(propertyType("RagwellChunk_ns_tenant_b", "meta_priority")).isEqualTo("text");
		assertThat(documentIds("tenant-a", new Comparison("priority", Op.EQ, 3L))).containsExactly("a-1");
		assertThat(documentIds("tenant-a", new Comparison("priority", Op.GT, 4L))).containsExactly("a-2");
		assertThat(documentIds("tenant-a", new Comparison("priority", Op.EQ, "high"))).isEmpty();
		assertThat(documentIds("tenant-b", new Comparison("priority", Op.EQ, "high"))).containsExactly("b-1");
		assertThat(documentIds("tenant-b", new Comparison("priority", Op.NE, "high"))).containsExactly("b-2");
		assertThat(documentIds("tenant-b", new Comparison("priority", Op.EQ, 3L))).isEmpty();
	}

	/** Within one namespace a key still keeps its first type, and the refusal names it. */
	@Test
	void aKeysTypeIsFixedWithinItsNamespaceOnly() {
		this.store.upsertAll(List.of(upsert("tenant-a", "a-1", Map.of("priority", 3L), "first")));

		assertThatThrownBy(() -> this.store.upsertAll(List.of(upsert("tenant-a", "a-2", Map.of("priority", "high"),
				"second"))))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("'priority'")
			.hasMessageContaining("namespace 'tenant-a'")
			.hasMessageContaining("keep one type per metadata key");
		this.store.upsertAll(List.of(upsert("tenant-b", "b-1", Map.of("priority", "high"), "first")));
	}

	@Test
	void aTenantsManyKeysDoNotChangeAnotherTenantsSchema() {
		this.store.upsertAll(List.of(upsert("tenant-b", "b-1", Map.of("lang", "en"), "first")));
		List<String> before = propertyNames("RagwellChunk_ns_tenant_b");
		ObjectNode documentClassBefore = this.mock.classes.get("RagwellChunkDocument_ns_tenant_b").deepCopy();

		Map<String, Object> many = new HashMap<>();
		for (int i = 0; i < 300; i++) {
			many.put("key" + i, (i % 2 == 0) ? (Object) (long) i : "v" + i);
		}
		many.put("lang", 42L);
		this.store.upsertAll(List.of(upsert("tenant-a", "a-1", many, "first")));

		assertThat(propertyNames("RagwellChunk_ns_tenant_b")).isEqualTo(before).contains("meta_lang")
			.doesNotContain("meta_key0");
		assertThat(propertyType("RagwellChunk_ns_tenant_b", "meta_lang")).isEqualTo("text");
		assertThat(this.mock.classes.get("RagwellChunkDocument_ns_tenant_b")).isEqualTo(documentClassBefore);
		assertThat(propertyNames("RagwellChunk_ns_tenant_a")).contains("meta_key0", "meta_key299", "meta_lang");
		assertThat(documentIds("tenant-b", new Comparison("lang", Op.EQ, "en"))).containsExactly("b-1");
		assertThat(documentIds("tenant-a", new Comparison("lang", Op.EQ, 42L))).containsExactly("a-1");
	}

	@Test
	void namespacesMapToDistinctValidClassNames() {
		assertThat(this.store.chunkClass("tenant-a")).isEqualTo("RagwellChunk_ns_tenant_a");
		assertThat(this.store.documentClass("tenant-a")).isEqualTo("RagwellChunkDocument_ns_tenant_a");
		List<String> namespaces = List.of("tenant-a", "tenant_a", "Tenant-A", "tenant a", "tenant-a ", "ünï",
				"x".repeat(64), "x".repeat(65), "default", "a--b", "a-_b");
		List<String> names = namespaces.stream().map(this.store::chunkClass).toList();
		assertThat(names).doesNotHaveDuplicates().allMatch(name -> name.matches("[A-Z][_0-9A-Za-z]*"));
		assertThat(this.store.chunkClass("tenant_a")).startsWith("RagwellChunk_nsx_");
	}

	@Test
	void aNamespaceThatNeverWroteIsEmptyAndCreatesNothing() {
		assertThat(search("nobody", SearchMode.HYBRID, "river", null)).isEmpty();
		assertThat(this.store.findDocument("nobody", "d")).isEmpty();
		assertThat(this.store.delete("nobody", "d")).isFalse();
		assertThatThrownBy(() -> this.store.search(new SearchRequest("nobody", new float[3], null, 3, null,
				SearchMode.DENSE, 3)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.mock.classes).isEmpty();
		assertThat(this.store.chunkCount()).isZero();
	}

	@Test
	void theSharedClassOfEarlierVersionsIsNotReadAndIsWarnedAboutOnce() {
		// The shared class of earlier versions, holding one chunk of tenant-a.
		ObjectNode definition = JsonNodeFactory.instance.objectNode().put("class", "RagwellChunk");
		definition.putArray("properties").addObject().put("name", "text").putArray("dataType").add("text");
		this.mock.classes.put("RagwellChunk", definition);
		ObjectNode old = JsonNodeFactory.instance.objectNode().put("class", "RagwellChunk")
			.put("id", Uuid5.of("old").toString());
		old.putObject("properties").put("text", "river from the old layout");
		old.putArray("vector").add(1.0).add(0.0);
		this.mock.objects.put("RagwellChunk", new ConcurrentHashMap<>(Map.of(Uuid5.of("old").toString(), old)));
		Logger logger = (Logger) LoggerFactory.getLogger(WeaviateVectorStore.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			this.store.checkAtStartup();
			this.store.upsertAll(List.of(upsert("tenant-a", "a-1", Map.of(), "river today")));
			this.store.checkAtStartup();

			assertThat(search("tenant-a", SearchMode.SPARSE, "river", null)).extracting(r -> r.chunk().id())
				.containsExactly("a-1#0");
			assertThat(this.store.chunkCount()).isEqualTo(1);
			assertThat(appender.list).filteredOn(event -> event.getLevel() == Level.WARN)
				.singleElement()
				.satisfies(event -> assertThat(event.getFormattedMessage()).contains("'RagwellChunk'")
					.contains("1 objects")
					.contains("re-ingest"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

}
