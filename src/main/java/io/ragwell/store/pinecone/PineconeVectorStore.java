package io.ragwell.store.pinecone;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

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
import okhttp3.Headers;
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
 * A {@link VectorStore} on a Pinecone index (data plane, API version 2025-10), dense vectors with cosine.
 *
 * <p>Layout: chunk {@code <doc>#<position>} lives in the Pinecone namespace {@code <prefix><namespace>}, with
 * its text, ids and metadata ({@code m_<key>}, plus the exact metadata as JSON) in the record's metadata.
 * The document record lives in a sibling namespace {@code <prefix><namespace>#documents}: id {@code <doc>#doc},
 * a fixed unit vector (Pinecone needs a non-zero one), and the content in parts of {@link #PART_CHARS}
 * characters ({@code <doc>#doc.1} …) because metadata is capped at 40 KB a record. A separate namespace keeps
 * document records out of every query and out of the chunk count without a filter.
 *
 * <p>SPARSE search needs sparse vectors Pinecone does not compute, so it is rejected with a 400; HYBRID runs
 * as dense-only (logged once): the dense ranking, cosine scores, {@code topK} deep, the request's fusion unused. Writes are not atomic: new chunks are upserted, then surplus old ones deleted.
 */
public final class PineconeVectorStore implements VectorStore, Remote, AutoCloseable {

	static final String STORE = "pinecone";

	/** The resilience instance and the {@code service} of failures, shared by every store. */
	static final String SERVICE = "vector-store";

	static final String API_VERSION = "2025-10";

	/** Pinecone's per-request limits on upsert. */
	static final int MAX_VECTORS_PER_UPSERT = 1000;

	static final int MAX_UPSERT_BYTES = 2 * 1024 * 1024;

	/** Ids per delete request (spec maximum) and per fetch (keeps the URL short). */
	static final int MAX_IDS_PER_DELETE = 1000;

	static final int MAX_IDS_PER_FETCH = 100;

	/** 8,000 chars are at most 32 KB of UTF-8, under the 40 KB metadata cap with room for the rest. */
	static final int PART_CHARS = 8_000;

	static final String DOCUMENTS_SUFFIX = "#documents";

	private static final Logger logger = LoggerFactory.getLogger(PineconeVectorStore.class);

	private final HttpUrl host;

	private final String apiKey;

	private final String prefix;

	private final int dimensions;

	private final OkHttpClient http;

	private final RemoteHttp calls;

	private final ChunkPayload payload;

	private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

	private final AtomicBoolean hybridWarned = new AtomicBoolean();

	public PineconeVectorStore(PineconeProperties properties, int dimensions) {
		String host = Objects.requireNonNull(properties.host(), "ragwell.store.pinecone.host");
		String apiKey = Objects.requireNonNull(properties.apiKey(), "ragwell.store.pinecone.api-key");
		HttpUrl url = HttpUrl.parse(host.strip());
		if (url == null) {
			throw new IllegalArgumentException("ragwell.store.pinecone.host must be the index host URL, e.g."
					+ " https://my-index-abc123.svc.aped-1234.pinecone.io, was '" + host + "'");
		}
		this.host = url;
		this.apiKey = apiKey.strip();
		this.prefix = properties.namespacePrefix();
		this.dimensions = dimensions;
		this.http = RemoteHttp.client(properties.timeout());
		this.payload = new ChunkPayload(this.json,
				ChunkPayload.Names.flat(null, "position", PineconeFilterConverter.METADATA_PREFIX));
		this.calls = new RemoteHttp(SERVICE, STORE, this.http, this.json,
				Headers.of("Api-Key", this.apiKey, "X-Pinecone-Api-Version", API_VERSION), this.apiKey,
				Clock.systemUTC());
	}

	@Override
	public String resilienceInstance() {
		return SERVICE;
	}

	private String chunkNamespace(String namespace) {
		return this.prefix + namespace;
	}

	private String documentNamespace(String namespace) {
		return this.prefix + namespace + DOCUMENTS_SUFFIX;
	}

	static String documentRecordId(String documentId) {
		return documentId + "#doc";
	}

	// ---- writes ---------------------------------------------------------------------------------------------

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		upsertAll(List.of(new Upsert(document, chunks)));
	}

	@Override
	public void upsertAll(List<Upsert> upserts) {
		Map<String, List<ObjectNode>> byNamespace = new java.util.LinkedHashMap<>();
		for (Upsert upsert : upserts) {
			Document document = upsert.document();
			List<ObjectNode> chunkVectors = byNamespace.computeIfAbsent(chunkNamespace(document.namespace()),
					ns -> new ArrayList<>());
			for (EmbeddedChunk embedded : upsert.chunks()) {
				chunkVectors.add(chunkVector(document, embedded));
			}
			byNamespace.computeIfAbsent(documentNamespace(document.namespace()), ns -> new ArrayList<>())
				.addAll(documentVectors(document));
		}
		byNamespace.forEach(this::upsertVectors);
		for (Upsert upsert : upserts) {
			Document document = upsert.document();
			List<String> surplus = new ArrayList<>();
			for (String id : listIds(chunkNamespace(document.namespace()), document.id() + "#")) {
				Integer position = chunkPosition(document.id(), id);
				if (position != null && position >= upsert.chunks().size()) {
					surplus.add(id);
				}
			}
			deleteIds(chunkNamespace(document.namespace()), surplus);
			int parts = parts(document.content()).size();
			List<String> surplusParts = new ArrayList<>();
			for (String id : listIds(documentNamespace(document.namespace()), documentRecordId(document.id()) + ".")) {
				Integer part = number(id.substring(documentRecordId(document.id()).length() + 1));
				if (part != null && part >= parts) {
					surplusParts.add(id);
				}
			}
			deleteIds(documentNamespace(document.namespace()), surplusParts);
		}
	}

	/** Splits by count (1000) and by serialized size (2 MB), whichever comes first. */
	void upsertVectors(String namespace, List<ObjectNode> vectors) {
		List<ObjectNode> batch = new ArrayList<>();
		long bytes = 0;
		// Envelope: {"namespace":"…","vectors":[…]} plus commas; generous.
		long envelope = 64 + namespace.getBytes(StandardCharsets.UTF_8).length;
		for (ObjectNode vector : vectors) {
			long size = this.json.writeValueAsBytes(vector).length + 1;
			if (!batch.isEmpty() && (batch.size() == MAX_VECTORS_PER_UPSERT || envelope + bytes + size > MAX_UPSERT_BYTES)) {
				sendUpsert(namespace, batch);
				batch = new ArrayList<>();
				bytes = 0;
			}
			batch.add(vector);
			bytes += size;
		}
		if (!batch.isEmpty()) {
			sendUpsert(namespace, batch);
		}
	}

	private void sendUpsert(String namespace, List<ObjectNode> batch) {
		ObjectNode body = this.json.createObjectNode().put("namespace", namespace);
		body.putArray("vectors").addAll(batch);
		this.calls.call(request("vectors/upsert").post(this.calls.body(body)).build(), "upsert");
	}

	private ObjectNode chunkVector(Document document, EmbeddedChunk embedded) {
		Chunk chunk = embedded.chunk();
		embedded.checkFor(document, this.dimensions);
		ObjectNode vector = this.json.createObjectNode().put("id", chunk.id());
		ArrayNode values = vector.putArray("values");
		for (float component : embedded.vector()) {
			values.add(component);
		}
		ObjectNode metadata = this.payload.write(vector.putObject("metadata"), chunk, (key, value) -> filterable(value));
		if (this.json.writeValueAsBytes(metadata).length > 40 * 1024) {
			throw new InvalidRequestException("too-large", "metadata", "pinecone caps metadata at 40 KB a record and"
					+ " chunk '" + chunk.id() + "' needs more: use smaller chunks or less metadata");
		}
		return vector;
	}

	/** Pinecone metadata holds strings, numbers, booleans and lists of strings; the rest stays in the JSON. */
	private static boolean filterable(Object value) {
		if (value instanceof Collection<?> values) {
			return values.stream().allMatch(String.class::isInstance);
		}
		return value instanceof String || value instanceof Number || value instanceof Boolean;
	}

	private List<ObjectNode> documentVectors(Document document) {
		List<String> parts = parts(document.content());
		List<ObjectNode> records = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			String id = (i == 0) ? documentRecordId(document.id()) : documentRecordId(document.id()) + "." + i;
			ObjectNode record = this.json.createObjectNode().put("id", id);
			// Any fixed non-zero vector: the records are fetched by id, never searched.
			ArrayNode values = record.putArray("values");
			for (int d = 0; d < this.dimensions; d++) {
				values.add((d == 0) ? 1.0f : 0.0f);
			}
			ObjectNode metadata = record.putObject("metadata")
				.put("kind", "document")
				.put("docId", document.id())
				.put("part", i)
				.put("content", parts.get(i));
			if (i == 0) {
				metadata.put("parts", parts.size())
					.put("metadataJson", this.json.writeValueAsString(document.metadata()))
					.put("createdAt", document.createdAt().toString())
					.put("updatedAt", document.updatedAt().toString());
				if (document.source() != null) {
					metadata.put("source", document.source());
				}
			}
			records.add(record);
		}
		return records;
	}

	static List<String> parts(String content) {
		List<String> parts = new ArrayList<>();
		int from = 0;
		do {
			int to = Math.min(content.length(), from + PART_CHARS);
			// Never split a surrogate pair.
			if (to < content.length() && Character.isHighSurrogate(content.charAt(to - 1))) {
				to--;
			}
			parts.add(content.substring(from, to));
			from = to;
		}
		while (from < content.length());
		return parts;
	}

	private @Nullable Integer chunkPosition(String documentId, String id) {
		return id.startsWith(documentId + "#") ? number(id.substring(documentId.length() + 1)) : null;
	}

	private static @Nullable Integer number(String digits) {
		if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Integer.parseInt(digits);
	}

	/** Every id with {@code prefix}, following {@code pagination.next}. */
	List<String> listIds(String namespace, String prefix) {
		List<String> ids = new ArrayList<>();
		String token = null;
		do {
			HttpUrl.Builder url = this.host.newBuilder()
				.addPathSegments("vectors/list")
				.addQueryParameter("namespace", namespace)
				.addQueryParameter("prefix", prefix)
				.addQueryParameter("limit", "100");
			if (token != null) {
				url.addQueryParameter("paginationToken", token);
			}
			JsonNode page = this.calls.call(request(url.build()).get().build(), "list");
			page.path("vectors").forEach(vector -> ids.add(vector.path("id").asString()));
			JsonNode next = page.path("pagination").path("next");
			token = next.isString() && !next.stringValue().isEmpty() ? next.stringValue() : null;
		}
		while (token != null);
		return ids;
	}

	private void deleteIds(String namespace, List<String> ids) {
		for (int from = 0; from < ids.size(); from += MAX_IDS_PER_DELETE) {
			ObjectNode body = this.json.createObjectNode().put("namespace", namespace);
			ArrayNode array = body.putArray("ids");
			ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_DELETE)).forEach(array::add);
			this.calls.call(request("vectors/delete").post(this.calls.body(body)).build(), "delete");
		}
	}

	@Override
	public boolean delete(String namespace, String documentId) {
		List<String> chunks = new ArrayList<>();
		for (String id : listIds(chunkNamespace(namespace), documentId + "#")) {
			if (chunkPosition(documentId, id) != null) {
				chunks.add(id);
			}
		}
		String recordId = documentRecordId(documentId);
		List<String> records = new ArrayList<>();
		for (String id : listIds(documentNamespace(namespace), recordId)) {
			if (id.equals(recordId) || (id.startsWith(recordId + ".") && number(id.substring(recordId.length() + 1)) != null)) {
				records.add(id);
			}
		}
		deleteIds(chunkNamespace(namespace), chunks);
		deleteIds(documentNamespace(namespace), records);
		return !chunks.isEmpty() || !records.isEmpty();
	}

	// ---- reads ----------------------------------------------------------------------------------------------

	private Map<String, JsonNode> fetch(String namespace, List<String> ids) {
		Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
		for (int from = 0; from < ids.size(); from += MAX_IDS_PER_FETCH) {
			HttpUrl.Builder url = this.host.newBuilder().addPathSegments("vectors/fetch")
				.addQueryParameter("namespace", namespace);
			ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_FETCH))
				.forEach(id -> url.addQueryParameter("ids", id));
			JsonNode response = this.calls.call(request(url.build()).get().build(), "fetch");
			response.path("vectors").properties().forEach(entry -> found.put(entry.getKey(), entry.getValue()));
		}
		return found;
	}

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		String recordId = documentRecordId(documentId);
		JsonNode record = fetch(documentNamespace(namespace), List.of(recordId)).get(recordId);
		if (record == null) {
			return Optional.empty();
		}
		JsonNode meta = record.path("metadata");
		int partCount = meta.path("parts").asInt(1);
		StringBuilder content = new StringBuilder(meta.path("content").asString(""));
		if (partCount > 1) {
			List<String> partIds = new ArrayList<>();
			for (int i = 1; i < partCount; i++) {
				partIds.add(recordId + "." + i);
			}
			Map<String, JsonNode> parts = fetch(documentNamespace(namespace), partIds);
			for (String id : partIds) {
				JsonNode part = parts.get(id);
				if (part == null) {
					throw this.calls.failedInside("document read", "part " + id + " of document '" + documentId
							+ "' is missing");
				}
				content.append(part.path("metadata").path("content").asString(""));
			}
		}
		String source = meta.path("source").isString() ? meta.path("source").stringValue() : null;
		Document document = new Document(documentId, namespace, content.toString(),
				readMetadata(meta.path("metadataJson").asString("{}")), source,
				Instant.parse(meta.path("createdAt").asString()), Instant.parse(meta.path("updatedAt").asString()));
		List<String> chunkIds = new ArrayList<>();
		for (String id : listIds(chunkNamespace(namespace), documentId + "#")) {
			if (chunkPosition(documentId, id) != null) {
				chunkIds.add(id);
			}
		}
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (JsonNode vector : fetch(chunkNamespace(namespace), chunkIds).values()) {
			JsonNode values = vector.path("values");
			float[] floats = new float[values.size()];
			for (int i = 0; i < floats.length; i++) {
				floats[i] = values.get(i).floatValue();
			}
			chunks.add(new EmbeddedChunk(toChunk(vector.path("id").asString(), vector.path("metadata")), floats));
		}
		chunks.sort(Comparator.comparingInt(embedded -> embedded.chunk().position()));
		return Optional.of(new StoredDocument(document, chunks));
	}

	@Override
	public List<SearchResult> search(SearchRequest request) {
		if (request.mode() == SearchMode.SPARSE) {
			throw new InvalidRequestException("unsupported-mode", "mode", "pinecone cannot run sparse (BM25) search:"
					+ " the index holds dense vectors only; use mode dense or hybrid");
		}
		if (request.mode() == SearchMode.HYBRID && this.hybridWarned.compareAndSet(false, true)) {
			logger.warn("Pinecone store: hybrid search runs as dense-only (no sparse vectors in the index)");
		}
		float[] vector = request.vector();
		if (vector == null || vector.length != this.dimensions) {
			throw new IllegalArgumentException("query vector must have " + this.dimensions + " dimensions, had "
					+ ((vector == null) ? "none" : vector.length));
		}
		ObjectNode body = this.json.createObjectNode()
			.put("namespace", chunkNamespace(request.namespace()))
			.put("topK", Math.min(request.topK(), 10_000))
			.put("includeMetadata", true)
			.put("includeValues", false);
		ArrayNode values = body.putArray("vector");
		for (float component : vector) {
			values.add(component);
		}
		if (request.filter() != null) {
			body.set("filter", PineconeFilterConverter.convert(request.filter()));
		}
		JsonNode response = this.calls.call(request("query").post(this.calls.body(body)).build(), "query");
		List<SearchResult> results = new ArrayList<>();
		for (JsonNode match : response.path("matches")) {
			double score = match.path("score").asDouble();
			results.add(new SearchResult(toChunk(match.path("id").asString(), match.path("metadata")), score,
					results.size() + 1, score, null));
		}
		return results;
	}

	private Chunk toChunk(String id, JsonNode meta) {
		return this.payload.read(meta, id);
	}

	private Map<String, Object> readMetadata(String metadataJson) {
		return this.payload.metadata(metadataJson);
	}

	/** Vectors in this deployment's chunk namespaces (document records live in other namespaces). */
	@Override
	public long chunkCount() {
		JsonNode stats = describeIndexStats();
		long count = 0;
		for (Map.Entry<String, JsonNode> namespace : stats.path("namespaces").properties()) {
			if (namespace.getKey().startsWith(this.prefix) && !namespace.getKey().endsWith(DOCUMENTS_SUFFIX)) {
				count += namespace.getValue().path("vectorCount").asLong();
			}
		}
		return count;
	}

	private JsonNode describeIndexStats() {
		return this.calls.call(request("describe_index_stats").post(this.calls.body(this.json.createObjectNode()))
			.build(), "describe_index_stats");
	}

	@Override
	public Health healthCheck() {
		try {
			JsonNode stats = describeIndexStats();
			int dimension = stats.path("dimension").asInt();
			if (dimension != 0 && dimension != this.dimensions) {
				return Health.down("pinecone index holds " + dimension + "-dimensional vectors; the embedder makes "
						+ this.dimensions);
			}
			return Health.up(Map.of("host", this.host.host(), "dimension", dimension));
		}
		catch (RemoteCallException ex) {
			return Health.down(ex.getMessage());
		}
	}

	@Override
	public void close() {
		RemoteHttp.close(this.http);
	}

	private Request.Builder request(String path) {
		return request(this.host.newBuilder().addPathSegments(path).build());
	}

	private Request.Builder request(HttpUrl url) {
		return this.calls.request(url);
	}

}
