package io.ragwell.store.weaviate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.remote.ChunkPayload;
import io.ragwell.remote.RemoteHttp;
import io.ragwell.store.weaviate.WeaviateFilterConverter.Where;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link VectorStore} on Weaviate (1.24+), over REST for writes and GraphQL for reads.
 *
 * <p>Layout: each namespace has its own pair of classes, {@code <collection>_ns_<namespace>} for chunks and
 * {@code <collection>Document_ns_<namespace>} for document records ({@code _nsx_<hash>} instead when the
 * namespace is not lower-case letters, digits and {@code -}; see {@link #classSuffix}), created on the
 * namespace's first write. Reads of a namespace that has none find nothing and create nothing. Chunks carry
 * their own vector ({@code vectorizer: none}, cosine HNSW), BM25 over {@code text}, and one
 * {@code meta_<key>} property per filterable metadata key (created on first sight with {@code field}
 * tokenization, so {@code Equal} compares whole values rather than words). Document records are vectorless
 * objects holding the full text, metadata JSON and timestamps, so {@link #findDocument} returns the document
 * and its chunks with vectors. Ids are deterministic version-5 UUIDs of (namespace, id), so a re-upsert
 * overwrites in place.
 *
 * <p>Tenants: the server enforces the separation. Weaviate keeps BM25 statistics (document frequencies,
 * property lengths) per shard of a class, so with a class per namespace a tenant's BM25 and hybrid scores do
 * not depend on, and cannot reveal, other tenants' data; and property types are per class, so the first use
 * of a metadata key fixes its type for that namespace only, and one tenant's keys never appear in another's
 * schema or errors. Each class has one shard, so the statistics are the whole tenant's. Weaviate's native
 * multi-tenancy would give per-tenant BM25 shards too, but its schema (the {@code meta_<key>} properties and
 * their types) is per class, shared by every tenant. The price is two classes per namespace that has written
 * (see docs/SCALING.md). The {@code namespace} property filter stays on every query as a second line of
 * defence.
 *
 * <p>Not atomic: a re-upsert writes the new chunks, then deletes the surplus old ones, so a concurrent search
 * may briefly see old surplus chunks, never none.
 */
public final class WeaviateVectorStore implements VectorStore, Remote, AutoCloseable {

	static final String STORE = "weaviate";

	/** The resilience instance and the {@code service} of failures, shared by every store. */
	static final String SERVICE = "vector-store";

	private static final Logger logger = LoggerFactory.getLogger(WeaviateVectorStore.class);

	/** QUERY_MAXIMUM_RESULTS, Weaviate's default cap on one Get and one batch delete. */
	static final int MAX_RESULTS = 10_000;

	private static final String CHUNK_FIELDS = "namespace docId chunkId chunkIndex text source tokenCount"
			+ " contentHash metadataJson";

	/** Namespace classes whose namespace is readable in the name: {@code <collection>_ns_<namespace>}. */
	private static final String PLAIN_NAMESPACE = "_ns_";

	/** Every other namespace, by hash: {@code <collection>_nsx_<hash>}; differs from the plain form at its 4th character. */
	private static final String HASHED_NAMESPACE = "_nsx_";

	/** Lower case only: no two readable names differ by case alone. {@code _} is kept for {@code -}. */
	private static final Pattern PLAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	/** Classes counted per {@code Aggregate} query. */
	private static final int COUNT_BATCH = 50;

	private final HttpUrl base;

	private final String collection;

	private final int dimensions;

	private final double alpha;

	private final int batchSize;

	private final OkHttpClient http;

	private final RemoteHttp calls;

	private final ChunkPayload payload;

	// Whole numbers read back as Long, the number type MetadataFilter uses.
	private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

	/**
	 * Chunk class to its property types, as last read or created; a class is present once it is known to exist
	 * (its document class was created before it, so exists too).
	 */
	private final Map<String, Map<String, String>> classProperties = new ConcurrentHashMap<>();

	/** Whether the shared classes of earlier versions have been looked for (once, to warn about them). */
	private final AtomicBoolean legacyChecked = new AtomicBoolean();

	/**
	 * @param properties {@code ragwell.store.weaviate.*}
	 * @param dimensions length of every vector; checked before anything is sent
	 */
	public WeaviateVectorStore(WeaviateProperties properties, int dimensions) {
		HttpUrl url = HttpUrl.parse(properties.url().strip());
		if (url == null) {
			throw new IllegalArgumentException(
					"ragwell.store.weaviate.url must be an http(s) URL such as http://localhost:8080, was '"
							+ properties.url() + "'");
		}
		this.base = url.newBuilder().addPathSegment("v1").build();
		this.collection = properties.collection();
		this.dimensions = dimensions;
		this.alpha = properties.hybridAlpha();
		this.batchSize = properties.batchSize();
		String key = properties.apiKey();
		this.http = RemoteHttp.client(properties.timeout());
		this.payload = new ChunkPayload(this.json,
				ChunkPayload.Names.flat("chunkId", "chunkIndex", WeaviateFilterConverter.METADATA_PREFIX));
		this.calls = new RemoteHttp(SERVICE, STORE, this.http, this.json, RemoteHttp.bearer(key),
				(key == null) ? null : key.strip(), Clock.systemUTC());
	}

	@Override
	public String resilienceInstance() {
		return SERVICE;
	}

	// ---- classes --------------------------------------------------------------------------------------------

	/**
	 * The class suffix of a namespace: readable ({@code _ns_tenant_a} for {@code tenant-a}) when the namespace
	 * is lower-case letters, digits and {@code -} (at most 64), else {@code _nsx_} and 128 bits of its SHA-256,
	 * out of reach of collisions for any number of tenants. Distinct namespaces get distinct suffixes: the
	 * readable form maps only {@code -} (to {@code _}, which it never keeps), and the two forms differ at
	 * their 4th character.
	 */
	static String classSuffix(String namespace) {
		if (PLAIN.matcher(namespace).matches()) {
			return PLAIN_NAMESPACE + namespace.replace('-', '_');
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(namespace.getBytes(StandardCharsets.UTF_8));
			return HASHED_NAMESPACE + HexFormat.of().formatHex(digest).substring(0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** The class of the namespace's chunks. */
	String chunkClass(String namespace) {
		return this.collection + classSuffix(namespace);
	}

	/** The class of the namespace's document records. */
	String documentClass(String namespace) {
		return this.collection + "Document" + classSuffix(namespace);
	}

	private boolean isChunkClass(String name) {
		return name.startsWith(this.collection + PLAIN_NAMESPACE) || name.startsWith(this.collection + HASHED_NAMESPACE);
	}

	/** Startup: looks for the shared classes of earlier versions, logging (not failing) when unreachable. */
	void checkAtStartup() {
		warnAboutLegacyLayout();
	}

	/**
	 * Whether the namespace's classes exist; on a write ({@code create}) they are created first when missing,
	 * the document class before the chunk class, so a chunk class implies its document class. Reads never
	 * create, so probing namespaces costs the cluster nothing.
	 */
	private boolean openClasses(String namespace, boolean create) {
		String chunks = chunkClass(namespace);
		if (this.classProperties.containsKey(chunks)) {
			return true;
		}
		warnAboutLegacyLayout();
		JsonNode schema = this.calls.callAllowing404(request(url("schema", chunks)).get().build(), "schema read");
		if (schema == null) {
			if (!create) {
				return false;
			}
			String documents = documentClass(namespace);
			if (this.calls.callAllowing404(request(url("schema", documents)).get().build(), "schema read") == null) {
				createClass(documentClassDefinition(documents));
			}
			schema = createClass(chunkClassDefinition(chunks));
			logger.info("Created Weaviate classes '{}' and '{}' for {}-dimensional vectors", chunks, documents,
					this.dimensions);
		}
		Map<String, String> properties = new ConcurrentHashMap<>();
		loadProperties(schema, properties);
		this.classProperties.putIfAbsent(chunks, properties);
		return true;
	}

	/**
	 * Earlier versions kept every namespace in {@code <collection>} and {@code <collection>Document}, which
	 * this layout never reads: say so once, or an upgrade would look like lost documents.
	 */
	private void warnAboutLegacyLayout() {
		if (this.legacyChecked.get()) {
			return;
		}
		try {
			long objects = 0;
			List<String> legacy = List.of(this.collection, this.collection + "Document");
			for (String name : legacy) {
				if (this.calls.callAllowing404(request(url("schema", name)).get().build(), "schema read") != null) {
					objects += graphQl("{ Aggregate { " + name + " { meta { count } } } }", "count").path("Aggregate")
						.path(name).path(0).path("meta").path("count").asLong();
				}
			}
			if (this.legacyChecked.compareAndSet(false, true) && objects > 0) {
				logger.warn("The Weaviate classes '{}' and '{}' hold {} objects of the shared-class layout of earlier"
						+ " Ragwell versions; they are not read now that each namespace has its own classes"
						+ " ('{}_ns_<namespace>', '{}Document_ns_<namespace>'): re-ingest the documents, then delete"
						+ " the old classes", legacy.get(0), legacy.get(1), objects, this.collection, this.collection);
			}
		}
		catch (RemoteCallException ex) {
			// A diagnostic only: never fail the caller's request over it; looked for again on the next call.
			logger.debug("Could not look for Weaviate classes of the shared-class layout '{}': {}", this.collection,
					ex.getMessage());
		}
	}

	private JsonNode createClass(ObjectNode definition) {
		try {
			return this.calls.call(request(url("schema")).post(this.calls.body(definition)).build(), "schema create");
		}
		catch (RemoteCallException ex) {
			if (ex.status() == 422) {
				// Created concurrently by another instance: "class name … already exists".
				return this.calls.call(request(url("schema", definition.path("class").asString())).get().build(),
						"schema read");
			}
			throw ex;
		}
	}

	private static void loadProperties(JsonNode classNode, Map<String, String> properties) {
		for (JsonNode property : classNode.path("properties")) {
			properties.put(property.path("name").asString(), property.path("dataType").path(0).asString());
		}
	}

	private ObjectNode chunkClassDefinition(String name) {
		ObjectNode definition = classDefinition(name);
		definition.putObject("vectorIndexConfig").put("distance", "cosine");
		definition.putObject("invertedIndexConfig").putObject("bm25").put("b", 0.75).put("k1", 1.2);
		ArrayNode properties = definition.putArray("properties");
		properties.add(property("namespace", "text", "field", true, false));
		properties.add(property("docId", "text", "field", true, false));
		properties.add(property("chunkId", "text", "field", true, false));
		properties.add(property("chunkIndex", "int", null, true, false));
		properties.add(property("text", "text", "word", false, true));
		properties.add(property("source", "text", "field", true, false));
		properties.add(property("tokenCount", "int", null, false, false));
		properties.add(property("contentHash", "text", "field", false, false));
		properties.add(property("metadataJson", "text", "field", false, false));
		return definition;
	}

	private ObjectNode documentClassDefinition(String name) {
		ObjectNode definition = classDefinition(name);
		ArrayNode properties = definition.putArray("properties");
		properties.add(property("namespace", "text", "field", true, false));
		properties.add(property("docId", "text", "field", true, false));
		properties.add(property("content", "text", "word", false, false));
		properties.add(property("metadataJson", "text", "field", false, false));
		properties.add(property("source", "text", "field", false, false));
		properties.add(property("createdAt", "text", "field", false, false));
		properties.add(property("updatedAt", "text", "field", false, false));
		return definition;
	}

	private ObjectNode classDefinition(String name) {
		ObjectNode definition = this.json.createObjectNode();
		definition.put("class", name).put("vectorizer", "none").put("vectorIndexType", "hnsw");
		// One shard, so BM25 statistics are the whole tenant's, not a node's share (Weaviate's default is one
		// shard per node); replication (replicationConfig) is unaffected.
		definition.putObject("shardingConfig").put("desiredCount", 1);
		return definition;
	}

	private ObjectNode property(String name, String dataType, @Nullable String tokenization, boolean filterable,
			boolean searchable) {
		ObjectNode property = this.json.createObjectNode().put("name", name);
		property.putArray("dataType").add(dataType);
		if (tokenization != null) {
			property.put("tokenization", tokenization);
		}
		return property.put("indexFilterable", filterable).put("indexSearchable", searchable);
	}

	/**
	 * Adds a {@code meta_<key>} property to the namespace's chunk class for every filterable metadata key it
	 * has not seen before. A key keeps its first type within its namespace; other namespaces are unaffected.
	 */
	private void ensureMetadataProperties(List<Upsert> upserts) {
		for (Upsert upsert : upserts) {
			String namespace = upsert.document().namespace();
			String className = chunkClass(namespace);
			Map<String, String> known = loadedProperties(className);
			for (EmbeddedChunk embedded : upsert.chunks()) {
				embedded.chunk().metadata().forEach((key, value) -> {
					String dataType = dataType(key, value);
					if (dataType == null) {
						return;
					}
					String name = WeaviateFilterConverter.METADATA_PREFIX + key;
					String stored = known.get(name);
					if (stored == null) {
						addProperty(className, known, name, dataType);
					}
					else if (!WeaviateFilterConverter.baseType(stored).equals(WeaviateFilterConverter.baseType(dataType))) {
						throw new InvalidRequestException("invalid-metadata", "metadata." + key, "weaviate stores metadata '"
								+ key + "' of namespace '" + namespace + "' as " + stored + " but document '"
								+ upsert.document().id() + "' has a " + dataType
								+ " value: keep one type per metadata key within a namespace");
					}
				});
			}
		}
	}

	private void addProperty(String className, Map<String, String> known, String name, String dataType) {
		ObjectNode property = property(name, dataType, dataType.startsWith("text") ? "field" : null, true, false);
		try {
			this.calls.call(request(url("schema", className, "properties")).post(this.calls.body(property)).build(),
					"schema property create");
		}
		catch (RemoteCallException ex) {
			if (ex.status() != 422) { // 422: added concurrently
				throw ex;
			}
		}
		known.put(name, dataType);
	}

	/** The property type for a metadata value, or null when it is kept in the JSON only. */
	private static @Nullable String dataType(String key, Object value) {
		if (!WeaviateFilterConverter.KEY.matcher(key).matches()) {
			return null;
		}
		if (value instanceof Collection<?> values) {
			String element = null;
			for (Object item : values) {
				String type = scalarType(item);
				if (type == null || (element != null && !element.equals(type))) {
					return null; // mixed or nested lists stay JSON-only
				}
				element = type;
			}
			return (element == null) ? null : element + "[]";
		}
		return scalarType(value);
	}

	private static @Nullable String scalarType(@Nullable Object value) {
		return switch (value) {
			case String text -> "text";
			case Boolean bool -> "boolean";
			case Number number -> "number";
			case null, default -> null;
		};
	}

	// ---- writes ---------------------------------------------------------------------------------------------

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		upsertAll(List.of(new Upsert(document, chunks)));
	}

	/** One batch request per {@code batchSize} objects, then one surplus-chunk delete per document. */
	@Override
	public void upsertAll(List<Upsert> upserts) {
		if (upserts.isEmpty()) {
			return;
		}
		List<ObjectNode> objects = new ArrayList<>();
		for (Upsert upsert : upserts) {
			Document document = upsert.document();
			objects.add(documentObject(document));
			for (EmbeddedChunk embedded : upsert.chunks()) {
				objects.add(chunkObject(document, embedded));
			}
		}
		for (Upsert upsert : upserts) {
			openClasses(upsert.document().namespace(), true);
		}
		ensureMetadataProperties(upserts);
		for (int from = 0; from < objects.size(); from += this.batchSize) {
			List<ObjectNode> slice = objects.subList(from, Math.min(objects.size(), from + this.batchSize));
			ObjectNode body = this.json.createObjectNode();
			body.putArray("objects").addAll(slice);
			JsonNode results = this.calls.call(request(url("batch", "objects")).post(this.calls.body(body)).build(),
					"batch upsert");
			checkBatch(results);
		}
		for (Upsert upsert : upserts) {
			Document document = upsert.document();
			ObjectNode surplus = this.json.createObjectNode().put("operator", "GreaterThanEqual");
			surplus.putArray("path").add("chunkIndex");
			surplus.put("valueInt", upsert.chunks().size());
			deleteChunks(chunkClass(document.namespace()),
					WeaviateFilterConverter.and(documentScope(document.namespace(), document.id()), surplus));
		}
	}

	/** Weaviate answers 200 even when objects failed: every element must be checked. */
	private void checkBatch(JsonNode results) {
		int failed = 0;
		String first = null;
		for (JsonNode result : results) {
			JsonNode outcome = result.path("result");
			boolean failure = "FAILED".equals(outcome.path("status").asString())
					|| !outcome.path("errors").path("error").isEmpty();
			if (failure) {
				failed++;
				if (first == null) {
					first = outcome.path("errors").path("error").path(0).path("message").asString("unknown error");
				}
			}
		}
		if (failed > 0) {
			throw this.calls.failedInside("batch upsert", failed + " of " + results.size() + " objects failed; first: "
					+ first);
		}
	}

	private ObjectNode documentObject(Document document) {
		ObjectNode object = this.json.createObjectNode()
			.put("class", documentClass(document.namespace()))
			.put("id", documentUuid(document.namespace(), document.id()));
		ObjectNode properties = object.putObject("properties")
			.put("namespace", document.namespace())
			.put("docId", document.id())
			.put("content", document.content())
			.put("metadataJson", this.json.writeValueAsString(document.metadata()))
			.put("createdAt", document.createdAt().toString())
			.put("updatedAt", document.updatedAt().toString());
		if (document.source() != null) {
			properties.put("source", document.source());
		}
		return object;
	}

	private ObjectNode chunkObject(Document document, EmbeddedChunk embedded) {
		Chunk chunk = embedded.chunk();
		embedded.checkFor(document, this.dimensions);
		ObjectNode object = this.json.createObjectNode()
			.put("class", chunkClass(document.namespace()))
			.put("id", chunkUuid(document.namespace(), chunk.id()));
		this.payload.write(object.putObject("properties").put("namespace", document.namespace()), chunk,
				(key, value) -> dataType(key, value) != null);
		ArrayNode vector = object.putArray("vector");
		for (float component : embedded.vector()) {
			vector.add(component);
		}
		return object;
	}

	/** Deletes chunks matching {@code where}, repeating while a call hit the per-call limit. */
	private long deleteChunks(String className, ObjectNode where) {
		long deleted = 0;
		while (true) {
			ObjectNode body = this.json.createObjectNode();
			body.putObject("match").put("class", className).set("where", where);
			body.put("output", "minimal").put("dryRun", false);
			JsonNode results = this.calls
				.call(request(url("batch", "objects")).delete(this.calls.body(body)).build(), "batch delete")
				.path("results");
			long matches = results.path("matches").asLong();
			if (results.path("failed").asLong() > 0) {
				throw this.calls.failedInside("batch delete", results.path("failed").asLong() + " of " + matches
						+ " objects could not be deleted");
			}
			deleted += results.path("successful").asLong();
			long limit = results.path("limit").asLong(MAX_RESULTS);
			if (matches == 0 || matches < limit) {
				return deleted;
			}
		}
	}

	@Override
	public boolean delete(String namespace, String documentId) {
		if (!openClasses(namespace, false)) {
			return false;
		}
		long chunks = deleteChunks(chunkClass(namespace), documentScope(namespace, documentId));
		Request request = request(url("objects", documentClass(namespace), documentUuid(namespace, documentId)))
			.delete()
			.build();
		boolean record = this.calls.callAllowing404(request, "document delete") != null;
		return record || chunks > 0;
	}

	// ---- reads ----------------------------------------------------------------------------------------------

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		if (!openClasses(namespace, false)) {
			return Optional.empty();
		}
		String chunkClass = chunkClass(namespace);
		JsonNode object = this.calls.callAllowing404(
				request(url("objects", documentClass(namespace), documentUuid(namespace, documentId))).get().build(),
				"document read");
		if (object == null) {
			return Optional.empty();
		}
		JsonNode properties = object.path("properties");
		String source = properties.path("source").isString() ? properties.path("source").stringValue() : null;
		Document document = new Document(documentId, namespace, properties.path("content").asString(),
				readMetadata(properties.path("metadataJson").asString("{}")), source,
				Instant.parse(properties.path("createdAt").asString()),
				Instant.parse(properties.path("updatedAt").asString()));
		String where = WeaviateFilterConverter.toGraphQl(documentScope(namespace, documentId), this.json);
		String query = "{ Get { " + chunkClass + "(where: " + where + ", limit: " + MAX_RESULTS + ") { "
				+ CHUNK_FIELDS + " _additional { id vector } } } }";
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (JsonNode hit : getResults(chunkClass, query, "document read")) {
			JsonNode vectorNode = hit.path("_additional").path("vector");
			float[] vector = new float[vectorNode.size()];
			for (int i = 0; i < vector.length; i++) {
				vector[i] = vectorNode.get(i).floatValue();
			}
			chunks.add(new EmbeddedChunk(toChunk(hit), vector));
		}
		chunks.sort(Comparator.comparingInt(embedded -> embedded.chunk().position()));
		return Optional.of(new StoredDocument(document, chunks));
	}

	/**
	 * {@inheritDoc}
	 * <p>HYBRID is Weaviate's own {@code hybrid} query, fused server-side with the configured
	 * {@code hybrid-alpha} and limited to {@code topK}; the request's fusion description is not applied.
	 */
	@Override
	public List<SearchResult> search(SearchRequest request) {
		// A bad vector or filter is refused whether or not the namespace holds anything yet.
		String search = switch (request.mode()) {
			case DENSE -> "nearVector: { vector: " + vector(request) + " }";
			case SPARSE -> "bm25: { query: " + this.json.writeValueAsString(request.text())
					+ ", properties: [\"text\"] }";
			case HYBRID -> "hybrid: { query: " + this.json.writeValueAsString(request.text()) + ", vector: "
					+ vector(request) + ", alpha: " + this.alpha + ", properties: [\"text\"] }";
		};
		boolean exists = openClasses(request.namespace(), false);
		String chunkClass = chunkClass(request.namespace());
		ObjectNode scope = WeaviateFilterConverter.textEquals("namespace", request.namespace());
		ObjectNode where = scope;
		if (request.filter() != null) {
			Where converted = WeaviateFilterConverter.convert(request.filter(),
					exists ? property -> propertyType(chunkClass, property) : property -> null);
			if (converted.matchesNothing()) {
				return List.of();
			}
			where = WeaviateFilterConverter.and(scope, converted.node());
		}
		if (!exists) {
			return List.of();
		}
		String additional = (request.mode() == SearchMode.DENSE) ? "id distance" : "id score";
		String query = "{ Get { " + chunkClass + "(" + search + ", where: "
				+ WeaviateFilterConverter.toGraphQl(where, this.json) + ", limit: " + request.topK() + ") { "
				+ CHUNK_FIELDS + " _additional { " + additional + " } } } }";
		List<SearchResult> results = new ArrayList<>();
		for (JsonNode hit : getResults(chunkClass, query, "search")) {
			JsonNode extra = hit.path("_additional");
			Chunk chunk = toChunk(hit);
			int rank = results.size() + 1;
			switch (request.mode()) {
				case DENSE -> {
					double cosine = 1.0 - extra.path("distance").asDouble();
					results.add(new SearchResult(chunk, cosine, rank, cosine, null));
				}
				// Scores are GraphQL Strings ("0.016263336").
				case SPARSE -> {
					double score = parseScore(extra.path("score"));
					results.add(new SearchResult(chunk, score, rank, null, score));
				}
				case HYBRID -> results.add(new SearchResult(chunk, parseScore(extra.path("score")), rank, null, null));
			}
		}
		return results;
	}

	/** The properties of a class this store has already ensured (every write and search ensures it first). */
	private Map<String, String> loadedProperties(String className) {
		return Objects.requireNonNull(this.classProperties.get(className),
				() -> "the schema of " + className + " is read when the class is ensured, before any use");
	}

	private @Nullable String propertyType(String className, String property) {
		Map<String, String> known = loadedProperties(className);
		String type = known.get(property);
		if (type == null) {
			// Another instance may have added it since we read the schema.
			JsonNode schema = this.calls.callAllowing404(request(url("schema", className)).get().build(),
					"schema read");
			if (schema != null) {
				loadProperties(schema, known);
			}
			type = known.get(property);
		}
		return type;
	}

	private String vector(SearchRequest request) {
		float[] vector = request.vector();
		if (vector == null || vector.length != this.dimensions) {
			throw new IllegalArgumentException("query vector must have " + this.dimensions + " dimensions, had "
					+ ((vector == null) ? "none" : vector.length));
		}
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < vector.length; i++) {
			out.append((i > 0) ? ", " : "").append(vector[i]);
		}
		return out.append(']').toString();
	}

	private static double parseScore(JsonNode score) {
		if (score.isNumber()) {
			return score.doubleValue();
		}
		try {
			return Double.parseDouble(score.asString());
		}
		catch (NumberFormatException ex) {
			return 0.0;
		}
	}

	/** The hits of a {@code Get} on a chunk class; GraphQL errors come with HTTP 200 and are checked first. */
	private JsonNode getResults(String chunkClass, String query, String what) {
		JsonNode data = graphQl(query, what);
		return data.path("Get").path(chunkClass);
	}

	private JsonNode graphQl(String query, String what) {
		ObjectNode body = this.json.createObjectNode().put("query", query);
		JsonNode response = this.calls.call(request(url("graphql")).post(this.calls.body(body)).build(), what);
		JsonNode errors = response.path("errors");
		if (errors.isArray() && !errors.isEmpty()) {
			throw this.calls.failedInside(what, errors.path(0).path("message").asString("GraphQL error"));
		}
		return response.path("data");
	}

	private Chunk toChunk(JsonNode hit) {
		return this.payload.read(hit, null);
	}

	private Map<String, Object> readMetadata(String metadataJson) {
		return this.payload.metadata(metadataJson);
	}

	@Override
	public long chunkCount() {
		List<String> classes = new ArrayList<>();
		for (JsonNode found : this.calls.call(request(url("schema")).get().build(), "schema read").path("classes")) {
			String name = found.path("class").asString("");
			if (isChunkClass(name)) {
				classes.add(name);
			}
		}
		long count = 0;
		for (int from = 0; from < classes.size(); from += COUNT_BATCH) {
			List<String> slice = classes.subList(from, Math.min(classes.size(), from + COUNT_BATCH));
			StringBuilder query = new StringBuilder("{ Aggregate {");
			slice.forEach(name -> query.append(' ').append(name).append(" { meta { count } }"));
			JsonNode data = graphQl(query.append(" } }").toString(), "count").path("Aggregate");
			for (String name : slice) {
				count += data.path(name).path(0).path("meta").path("count").asLong();
			}
		}
		return count;
	}

	@Override
	public Health healthCheck() {
		try {
			JsonNode ready = this.calls.callAllowing404(request(url(".well-known", "ready")).get().build(), "health");
			if (ready == null) {
				return Health.down("weaviate readiness endpoint not found at " + this.base);
			}
			return Health.up(Map.of("url", this.base.toString(), "collection", this.collection));
		}
		catch (RemoteCallException ex) {
			return Health.down(ex.getMessage());
		}
	}

	@Override
	public void close() {
		RemoteHttp.close(this.http);
	}

	// ---- ids and requests -----------------------------------------------------------------------------------

	/** Length-prefixed so no (namespace, id) pair can spell another's name. */
	static String chunkUuid(String namespace, String chunkId) {
		return Uuid5.of(namespace.length() + ":" + namespace + ":" + chunkId).toString();
	}

	static String documentUuid(String namespace, String documentId) {
		return Uuid5.of(namespace.length() + ":" + namespace + ":" + documentId + "#document").toString();
	}

	private static ObjectNode documentScope(String namespace, String documentId) {
		return WeaviateFilterConverter.and(WeaviateFilterConverter.textEquals("namespace", namespace),
				WeaviateFilterConverter.textEquals("docId", documentId));
	}

	private HttpUrl url(String... segments) {
		return RemoteHttp.url(this.base, segments);
	}

	private Request.Builder request(HttpUrl url) {
		return this.calls.request(url);
	}

}
