package io.ragwell.store.opensearch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.rank.Fusions;
import io.ragwell.remote.ChunkPayload;
import io.ragwell.remote.RemoteHttp;
import okhttp3.Credentials;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link VectorStore} on OpenSearch with the k-NN plugin: per document, a document record
 * ({@code kind=document}) and one OpenSearch document per chunk with its text (BM25, english analyzer), its
 * vector (Lucene HNSW, cosine) and its metadata as {@code key=value} terms for filtering.
 *
 * <p><b>Namespaces</b> each get their own single-shard index, {@code <index>-ns-<namespace>} (hashed when the
 * namespace is not a valid index name), created on the namespace's first write; reads of a namespace that
 * has none find nothing. The server enforces the separation: BM25 statistics (document frequencies, average
 * field length) are per index, so a tenant's {@code sparse_score} does not depend on, and cannot reveal,
 * other tenants' data, and one tenant's writes cannot change another's mapping. The price is one shard (plus
 * replicas) per tenant against the cluster's {@code cluster.max_shards_per_node} (1000 by default); see
 * docs/SCALING.md. The {@code namespace} filter stays on every query as a second line of defence.
 *
 * <p><b>Writes</b> are versioned so that several replicas can write one document at once: each write puts its
 * chunks under fresh ids tagged with a new version, then commits by replacing the document record
 * conditionally ({@code if_seq_no}/{@code if_primary_term}) with one naming that version, then deletes the
 * chunks of the version it replaced (see {@link #upsertAll}). Search keeps only chunks of their record's
 * current version, so it sees exactly one version of each document, and nothing of a write that died
 * halfway; {@link #findDocument} reads the record's version. Chunk writes use {@code refresh=wait_for}, so a
 * write is searchable when the call returns. A delete replaces the record with a tombstone under the same
 * condition, so deletes and writes are ordered by the same compare-and-set; tombstones are swept after
 * {@link #TOMBSTONE_RETENTION} together with any chunk of their document still left (see {@link #delete}).
 *
 * <p>Failures become {@link RemoteCallException}s; a bulk response with status 200 whose items failed does
 * too. The password is never logged, nor is any document text.
 */
public final class OpenSearchVectorStore implements VectorStore, Remote, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(OpenSearchVectorStore.class);

	private static final String SERVICE = "vector-store";

	private static final MediaType NDJSON = MediaType.get("application/x-ndjson");

	/** A health probe must answer quickly whatever the call timeout is. */
	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Longest wait for a write's or a delete's clean-up. What it leaves is invisible to search (the chunks' version
	 * is not the record's), and OpenSearch goes on deleting after the client stops waiting; the next write of the
	 * document and the sweep remove whatever remains.
	 */
	static final Duration CLEAN_UP_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Bulk requests are cut at about this size (always between documents, so each document stays in one
	 * request): well under OpenSearch's default {@code http.max_content_length} of 100 MB, and small enough
	 * not to stall the write thread pool.
	 */
	private static final int MAX_BULK_BYTES = 8 * 1024 * 1024;

	/**
	 * Each query word becomes a clause of the match query; this keeps a pasted document under OpenSearch's
	 * clause limit (1024), and a few hundred terms already make a query as specific as BM25 can use.
	 */
	private static final int MAX_QUERY_WORDS = 512;

	/** Error reasons are cut here; the rest is rarely more than a stack of causes. */
	private static final int MAX_REASON_LENGTH = 300;

	// Mapper errors quote the offending value, which may be document text.
	private static final Pattern VALUE_PREVIEW = Pattern.compile("(?i)\\.? *Preview of field's value:.*$");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private final HttpUrl baseUrl;

	private final String index;

	private final int dimensions;

	private final int rrfK;

	private final Duration timeout;

	private final OkHttpClient http;

	private final RemoteHttp remote;

	/** The same requests on a client with the shorter health timeout. */
	private final RemoteHttp healthRemote;

	/**
	 * The best-effort deletions at the end of a write or a delete (superseded and orphaned chunks), bounded by
	 * {@link #CLEAN_UP_TIMEOUT}: the write is committed by then, and the call runs inside the {@code vector-store}
	 * time limiter (5 s). Under the store's own timeout, a slow {@code _delete_by_query} (10 s at load 30-40 in the
	 * soak) made committed writes answer 503 and count towards the circuit breaker.
	 */
	private final RemoteHttp cleanUpRemote;

	// Whole numbers read back as Long (and fractions as Double), the number types MetadataFilter uses.
	private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

	/** The chunk fields: snake-case, unsearched ones in the disabled {@code stored} object, metadata as an object. */
	private final ChunkPayload payload = new ChunkPayload(this.json,
			new ChunkPayload.Names(OpenSearchFields.DOCUMENT_ID, OpenSearchFields.CHUNK_ID, OpenSearchFields.POSITION,
					OpenSearchFields.TEXT, "token_count", "content_hash", "metadata", false, OpenSearchFields.STORED,
					null),
			OpenSearchFields.SENTENCE_VECTORS);

	private final Clock clock = Clock.systemUTC();

	/** Namespace indices known to exist with our dimensions; others are checked (and created on write) first. */
	private final Set<String> readyIndices = ConcurrentHashMap.newKeySet();

	/** Runs {@link #sweepTombstones} every {@link #SWEEP_INTERVAL}; stopped by {@link #close}. */
	private final java.util.concurrent.ScheduledExecutorService sweeper;

	/** Whether the single shared index of earlier versions has been looked for (once, to warn about it). */
	private final AtomicBoolean legacyChecked = new AtomicBoolean();

	/**
	 * @param properties connection and index settings
	 * @param dimensions length of every vector the embedder produces; an existing index of another dimension
	 * is refused on first use
	 * @param rrfK the reciprocal rank fusion constant of a hybrid request that describes no fusion, 1 or more
	 */
	public OpenSearchVectorStore(OpenSearchProperties properties, int dimensions, int rrfK) {
		if (dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be >= 1, was " + dimensions);
		}
		if (rrfK < 1) {
			throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
		}
		HttpUrl url = HttpUrl.parse(properties.url().strip());
		if (url == null) {
			throw new IllegalArgumentException(
					"ragwell.store.opensearch.url must be an http(s) URL such as http://localhost:9200, but was '"
							+ properties.url() + "'");
		}
		this.baseUrl = url;
		this.index = properties.index();
		this.dimensions = dimensions;
		this.rrfK = rrfK;
		this.timeout = properties.timeout();
		String username = properties.username();
		Headers authorization = (username == null || username.isBlank()) ? Headers.of()
				: Headers.of("Authorization",
						Credentials.basic(username, (properties.password() == null) ? "" : properties.password()));
		this.http = RemoteHttp.client(this.timeout, this.timeout);
		this.remote = new RemoteHttp(SERVICE, "OpenSearch", this.http, this.json, authorization,
				null, Clock.systemUTC());
		Duration healthTimeout = (this.timeout.compareTo(HEALTH_TIMEOUT) < 0) ? this.timeout : HEALTH_TIMEOUT;
		this.healthRemote = this.remote.using(RemoteHttp.probeClient(this.http, healthTimeout));
		Duration cleanUpTimeout = (this.timeout.compareTo(CLEAN_UP_TIMEOUT) < 0) ? this.timeout : CLEAN_UP_TIMEOUT;
		this.cleanUpRemote = this.remote.using(this.http.newBuilder().callTimeout(cleanUpTimeout).build());
		this.sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("ragwell-opensearch-sweeper").daemon(true).factory());
		this.sweeper.scheduleWithFixedDelay(this::sweepQuietly, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
				java.util.concurrent.TimeUnit.MILLISECONDS);
	}

	/** The client for ordinary calls. */
	RemoteHttp remote() {
		return this.remote;
	}

	/** The same requests with the short (health probe) timeout, for reads that must not stall a request. */
	RemoteHttp quickRemote() {
		return this.healthRemote;
	}

	JsonMapper json() {
		return this.json;
	}

	/** The configured base index name. */
	String baseIndex() {
		return this.index;
	}

	@Override
	public String resilienceInstance() {
		return SERVICE;
	}

	// ---------------------------------------------------------------------------------------------- index

	private String indexOf(String namespace) {
		return OpenSearchFields.namespaceIndex(this.index, namespace);
	}

	/**
	 * Whether the namespace's index exists with our dimensions; on a write ({@code create}) it is created
	 * first when missing. Reads never create one, so probing namespaces costs the cluster nothing.
	 * @throws IllegalStateException when it exists with other dimensions or was not created by Ragwell
	 */
	/**
	 * Creates one of the store's side indices ({@code -generations}, {@code -idempotency}, {@code -jobs},
	 * {@code -settings}) unless another replica already did: one shard, and {@code dynamic: false}, so nothing but
	 * {@code properties} is indexed and the rest of each document stays in {@code _source} only.
	 * @throws RemoteCallException when OpenSearch refuses for any reason but the index existing
	 */
	void createSideIndex(String index, Map<String, Object> properties) {
		Map<String, Object> definition = Map.of("settings", Map.of("index", Map.of("number_of_shards", 1)), "mappings",
				Map.of("dynamic", false, "properties", properties));
		Reply created = call(this.remote, put(url(index), this.json.writeValueAsString(definition)), 400);
		if (created.status() == 400
				&& !"resource_already_exists_exception".equals(created.body().path("error").path("type").asString(""))) {
			throw RemoteCallException.ofStatus("vector-store", "OpenSearch refused to create index '" + index + "': "
					+ created.body().path("error").path("reason").asString(""), 400, null, null);
		}
	}

	private boolean openIndex(String name, boolean create) {
		if (this.readyIndices.contains(name)) {
			return true;
		}
		warnAboutLegacyIndex();
		Reply mapping = call(this.remote, get(url(name, "_mapping")), 404);
		if (mapping.status() == 404) {
			if (!create) {
				return false;
			}
			Reply created = call(this.remote, put(url(name), this.json.writeValueAsString(indexDefinition())), 400);
			if (created.status() == 400) {
				if (!"resource_already_exists_exception".equals(created.body().path("error").path("type").asString(""))) {
					throw failure("creating index '" + name + "'", 400, created.body());
				}
				// Another instance created it meanwhile: check its dimensions like any existing index.
				mapping = call(this.remote, get(url(name, "_mapping")));
			}
			else {
				logger.info("Created OpenSearch index '{}' for {}-dimensional vectors", name, this.dimensions);
				this.readyIndices.add(name);
				return true;
			}
		}
		checkDimensions(name, mapping.body());
		addVersionFields(name, mapping.body());
		this.readyIndices.add(name);
		return true;
	}

	/** Indices created before versioned writes lack their two fields; adding fields to a mapping is allowed. */
	private void addVersionFields(String name, JsonNode mappingResponse) {
		JsonNode properties = mappingResponse.isEmpty() ? null
				: mappingResponse.iterator().next().path("mappings").path("properties");
		if (properties != null && properties.has(OpenSearchFields.VERSION) && properties.has(OpenSearchFields.WRITTEN_AT)) {
			return;
		}
		call(this.remote, put(url(name, "_mapping"), this.json.writeValueAsString(Map.of("properties", versionFields()))));
		logger.info("Added the versioned-write fields to the mapping of OpenSearch index '{}'", name);
	}

	/**
	 * Earlier versions kept every namespace in {@code <index>} itself, which this layout never reads: say so
	 * once, or an upgrade would look like lost documents.
	 */
	private void warnAboutLegacyIndex() {
		if (this.legacyChecked.getAndSet(true)) {
			return;
		}
		try {
			Reply legacy = call(this.remote, get(url(this.index, "_count")), 404);
			if (legacy.status() != 404 && legacy.body().path("count").asLong(0) > 0) {
				logger.warn("The OpenSearch index '{}' holds {} documents of the single-index layout of earlier"
						+ " Ragwell versions; they are not read now that each namespace has its own index"
						+ " ('{}-ns-<namespace>'): re-ingest them, then delete '{}'", this.index,
						legacy.body().path("count").asLong(), this.index, this.index);
			}
		}
		catch (RemoteCallException ex) {
			// A diagnostic only: never fail the caller's request over it.
			logger.debug("Could not look for a single-index layout index '{}': {}", this.index, ex.getMessage());
		}
	}

	private void checkDimensions(String name, JsonNode mappingResponse) {
		// The response is keyed by the concrete index name, which differs from ours when we address an alias.
		JsonNode vector = mappingResponse.isEmpty() ? null
				: mappingResponse.iterator().next().path("mappings").path("properties").path(OpenSearchFields.VECTOR);
		if (vector == null || !"knn_vector".equals(vector.path("type").asString(""))) {
			throw new IllegalStateException("The OpenSearch index '" + name + "' exists but has no knn_vector field '"
					+ OpenSearchFields.VECTOR + "': it was not created by Ragwell; set ragwell.store.opensearch.index to"
					+ " another name");
		}
		int existing = vector.path("dimension").asInt(-1);
		if (existing != this.dimensions) {
			throw new IllegalStateException("The OpenSearch index '" + name + "' holds " + existing
					+ "-dimensional vectors but the configured embedder produces " + this.dimensions
					+ "-dimensional ones: re-index the documents with this embedder into a new index, or change"
					+ " ragwell.store.opensearch.index (or the embedding model) to match");
		}
	}

	/** The fields of versioned writes, added to indices created before them. */
	private static Map<String, Object> versionFields() {
		return Map.of(OpenSearchFields.VERSION, Map.of("type", "keyword"), OpenSearchFields.WRITTEN_AT,
				Map.of("type", "long"));
	}

	private Map<String, Object> indexDefinition() {
		Map<String, Object> keyword = Map.of("type", "keyword");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(OpenSearchFields.KIND, keyword);
		properties.put(OpenSearchFields.KEY, keyword);
		properties.put(OpenSearchFields.NAMESPACE, keyword);
		properties.put(OpenSearchFields.DOCUMENT_ID, keyword);
		properties.put(OpenSearchFields.SOURCE, keyword);
		properties.put(OpenSearchFields.CHUNK_ID, keyword);
		properties.put(OpenSearchFields.POSITION, Map.of("type", "integer"));
		properties.putAll(versionFields());
		properties.put(OpenSearchFields.TEXT, Map.of("type", "text", "analyzer", "english"));
		// Vectors are unit length, so cosine is the dot product; the Lucene engine is the one that needs no
		// native library, and it applies filters inside the graph search (exact search when few docs pass).
		properties.put(OpenSearchFields.VECTOR, Map.of("type", "knn_vector", "dimension", this.dimensions, "method",
				Map.of("name", "hnsw", "engine", "lucene", "space_type", "cosinesimil")));
		properties.put(OpenSearchFields.STORED, Map.of("type", "object", "enabled", false));
		// Keyed terms (key=value) in three fixed fields rather than a field per key: the mapping never grows
		// with the keys callers invent, so it cannot hit the field limit nor fix a key's type.
		properties.put(OpenSearchFields.METADATA_STRINGS, keyword);
		properties.put(OpenSearchFields.METADATA_NUMBERS, keyword);
		properties.put(OpenSearchFields.METADATA_BOOLEANS, keyword);
		Map<String, Object> mappings = new LinkedHashMap<>();
		// Strict: a document with any field not listed here is refused instead of widening the mapping.
		mappings.put("dynamic", "strict");
		mappings.put("properties", properties);
		// One shard: a tenant's index is small, and on one shard BM25 statistics are the whole tenant's rather
		// than a shard's share, so scores do not shift with document routing. Replicas keep the cluster default.
		return Map.of("settings", Map.of("index", Map.of("knn", true, "number_of_shards", 1)), "mappings", mappings);
	}

	// --------------------------------------------------------------------------------------------- writes

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		upsertAll(List.of(new Upsert(document, chunks)));
	}

	/**
	 * Writes each document as a new version, then commits the versions, then removes what they superseded:
	 * <ol>
	 * <li>one {@code _bulk} of the chunks, each with a fresh {@code _id} ({@code hash:version:position}) and
	 * tagged with the write's version, {@code refresh=wait_for}. Nothing else reads these ids, so concurrent
	 * writers never overwrite each other's chunks, and search ignores them until step 2;</li>
	 * <li>the commit: each document record is replaced with one naming the new version, conditionally on the
	 * record read just before ({@code if_seq_no}/{@code if_primary_term}, or {@code create} when there was
	 * none). A conflict means another replica committed meanwhile: the record is read again and the commit
	 * retried, so the last commit wins, and the record's {@code stale} names the version it replaced;</li>
	 * <li>clean-up: chunks of the replaced version (and of the version that one replaced, should its writer
	 * have died before cleaning up), plus chunks of any other version older than {@link #ORPHAN_AGE} (a writer
	 * that died before committing) are deleted. Never a version younger than that: it may be another
	 * replica's write about to commit.</li>
	 * </ol>
	 * Searches keep only chunks whose version is their record's current one (a real-time {@code _mget} of the
	 * records of the hits), so a search sees exactly one version of each document whatever the interleaving,
	 * and a write that died halfway leaves nothing visible. A failed write deletes its own uncommitted chunks
	 * on the way out (best effort; the sweep in step 3 of the next write of the document is the backstop).
	 */
	@Override
	public void upsertAll(List<Upsert> upserts) {
		// Validate everything first: a bad chunk rejects the batch before anything is written.
		for (Upsert upsert : upserts) {
			for (EmbeddedChunk embedded : upsert.chunks()) {
				embedded.checkFor(upsert.document(), this.dimensions);
			}
		}
		if (upserts.isEmpty()) {
			return;
		}
		for (Upsert upsert : upserts) {
			openIndex(indexOf(upsert.document().namespace()), true);
		}
		long started = System.nanoTime();
		long writtenAt = this.clock.millis();
		List<Write> writes = new ArrayList<>(upserts.size());
		for (Upsert upsert : upserts) {
			Document document = upsert.document();
			int end = upsert.chunks().stream().mapToInt(embedded -> embedded.chunk().position() + 1).max().orElse(0);
			writes.add(new Write(upsert, OpenSearchFields.key(document.namespace(), document.id()),
					indexOf(document.namespace()), newVersion(), end));
		}
		List<String> chunkOperations = new ArrayList<>(writes.size());
		for (Write write : writes) {
			chunkOperations.add(chunkOperations(write, writtenAt));
		}
		Map<Write, RecordState> replaced;
		try {
			sendBulks(chunkOperations, "wait_for", false);
			replaced = commit(writes, started);
		}
		catch (RuntimeException ex) {
			discard(writes);
			throw ex;
		}
		cleanUp(replaced, writtenAt);
	}

	/** How old a chunk no record claims must be before a later write of its document deletes it. */
	static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

	/**
	 * A write that has not committed after this long gives up instead: past {@link #ORPHAN_AGE} another write's
	 * sweep could delete its chunks just before it commits them.
	 */
	private static final Duration MAX_WRITE_AGE = ORPHAN_AGE.dividedBy(2);

	/** Commit attempts per write before it reports a (retryable) conflict. */
	private static final int MAX_COMMIT_ATTEMPTS = 50;

	/** One document's write: its version and the chunk end the record will state. */
	private record Write(Upsert upsert, String key, String index, String version, int chunkEnd) {
	}

	/**
	 * A document record as read for a conditional write.
	 * @param found whether it exists; the other fields are meaningless otherwise
	 * @param version its current version, "" for data written before versions existed
	 * @param stale the version it superseded, if its writer may not have deleted those chunks yet
	 * @param tombstone whether it is a deleted document's tombstone (found, but no document)
	 */
	private record RecordState(boolean found, long seqNo, long primaryTerm, String version, List<String> stale,
			boolean tombstone) {

		static final RecordState ABSENT = new RecordState(false, -1, -1, "", List.of(), false);

		/** Whether a live document is there: a record that is not a tombstone. */
		boolean live() {
			return this.found && !this.tombstone;
		}

		/** The versions whose chunks are garbage once this record is replaced or deleted. */
		Set<String> superseded() {
			if (!this.found) {
				return Set.of();
			}
			Set<String> versions = new java.util.LinkedHashSet<>(this.stale);
			versions.add(this.version);
			return versions;
		}

	}

	/** What {@link #recordState} reads of a record. */
	private static final String RECORD_STATE_FIELDS = OpenSearchFields.KIND + "," + OpenSearchFields.VERSION + ","
			+ OpenSearchFields.STORED + ".stale";

	/** 64 random bits in hex: unique among the writes of one document. */
	private static String newVersion() {
		return HexFormat.of().toHexDigits(VERSIONS.nextLong());
	}

	private static final java.security.SecureRandom VERSIONS = new java.security.SecureRandom();

	private String chunkOperations(Write write, long writtenAt) {
		StringBuilder lines = new StringBuilder();
		for (EmbeddedChunk embedded : write.upsert().chunks()) {
			action(lines, "index", write.index(),
					OpenSearchFields.chunkId(write.key(), write.version(), embedded.chunk().position()));
			lines.append(this.json.writeValueAsString(
					chunkSource(write.upsert().document(), write.key(), write.version(), writtenAt, embedded)))
				.append('\n');
		}
		return lines.toString();
	}

	/**
	 * Step 2 of {@link #upsertAll}: conditional record writes until each has committed, re-reading the records
	 * that another writer changed in between.
	 * @return for each write, the record it replaced
	 */
	private Map<Write, RecordState> commit(List<Write> writes, long started) {
		Map<Write, RecordState> replaced = new HashMap<>();
		List<Write> pending = writes;
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			Duration age = Duration.ofNanos(System.nanoTime() - started);
			if (attempt > MAX_COMMIT_ATTEMPTS || age.compareTo(MAX_WRITE_AGE) > 0) {
				throw RemoteCallException.retryable(SERVICE, "OpenSearch: " + pending.size() + " document(s) kept being"
						+ " rewritten by other writers; gave up committing after " + (attempt - 1) + " attempts and "
						+ age.toMillis() + " ms", 409, "version_conflict_engine_exception", null);
			}
			if (attempt > 1) {
				// Jittered, so replicas that collided do not collide again in lockstep.
				sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10)));
			}
			List<RecordState> states = readRecords(pending);
			List<String> operations = new ArrayList<>(pending.size());
			for (int i = 0; i < pending.size(); i++) {
				Write write = pending.get(i);
				RecordState state = states.get(i);
				String recordId = OpenSearchFields.documentRecordId(write.key());
				Map<String, Object> meta = new LinkedHashMap<>();
				meta.put("_index", write.index());
				meta.put("_id", recordId);
				if (state.found()) {
					meta.put("if_seq_no", state.seqNo());
					meta.put("if_primary_term", state.primaryTerm());
				}
				// Over a tombstone, its list: the versions its delete was removing (a tombstone has no chunks).
				List<String> stale = !state.found() ? List.of()
						: state.tombstone() ? state.stale() : List.of(state.version());
				operations.add(this.json.writeValueAsString(Map.of(state.found() ? "index" : "create", meta)) + "\n"
						+ this.json.writeValueAsString(
								documentSource(write.upsert().document(), write.key(), write.chunkEnd(), write.version(), stale))
						+ "\n");
			}
			List<JsonNode> items = sendBulks(operations, null, true);
			List<Write> conflicted = new ArrayList<>();
			for (int i = 0; i < pending.size(); i++) {
				if (items.get(i).path("status").asInt(0) == 409) {
					conflicted.add(pending.get(i));
				}
				else {
					replaced.put(pending.get(i), states.get(i));
				}
			}
			pending = conflicted;
		}
		return replaced;
	}

	/** The current records of the writes' documents, real time, in the writes' order. */
	private List<RecordState> readRecords(List<Write> writes) {
		List<Map<String, Object>> ids = new ArrayList<>(writes.size());
		for (Write write : writes) {
			ids.add(Map.of("_index", write.index(), "_id", OpenSearchFields.documentRecordId(write.key())));
		}
		HttpUrl url = url("_mget").newBuilder()
			.addQueryParameter("_source_includes", RECORD_STATE_FIELDS)
			.build();
		List<RecordState> states = new ArrayList<>(writes.size());
		for (JsonNode doc : call(this.remote, post(url, Map.of("docs", ids))).body().path("docs")) {
			states.add(recordState(doc));
		}
		if (states.size() != writes.size()) {
			throw RemoteCallException.retryable(SERVICE, "OpenSearch _mget answered " + states.size() + " of "
					+ writes.size() + " records", 502, null, null);
		}
		return states;
	}

	private static RecordState recordState(JsonNode doc) {
		if (!doc.path("found").asBoolean(false)) {
			return RecordState.ABSENT;
		}
		JsonNode source = doc.path("_source");
		List<String> stale = new ArrayList<>();
		source.path(OpenSearchFields.STORED).path("stale").forEach(version -> stale.add(version.asString()));
		return new RecordState(true, doc.path("_seq_no").asLong(), doc.path("_primary_term").asLong(),
				source.path(OpenSearchFields.VERSION).asString(""), stale,
				OpenSearchFields.KIND_TOMBSTONE.equals(source.path(OpenSearchFields.KIND).asString("")));
	}

	/**
	 * Step 3 of {@link #upsertAll}: deletes what each commit superseded, and sweeps chunks of the document that
	 * no write claimed for {@link #ORPHAN_AGE}. Best effort: the write is committed, and leftovers are
	 * invisible to search (their version is not the record's) and removed by the next write of the document.
	 */
	private void cleanUp(Map<Write, RecordState> replaced, long writtenAt) {
		Map<String, List<Map<String, Object>>> clausesByIndex = new LinkedHashMap<>();
		long cutoff = writtenAt - ORPHAN_AGE.toMillis();
		for (Map.Entry<Write, RecordState> entry : replaced.entrySet()) {
			Write write = entry.getKey();
			List<Map<String, Object>> clauses = clausesByIndex.computeIfAbsent(write.index(), i -> new ArrayList<>());
			Set<String> superseded = entry.getValue().superseded();
			if (!superseded.isEmpty()) {
				clauses.add(Map.of("bool",
						Map.of("filter", List.of(keyIs(write.key()), versionIn(superseded)))));
			}
			clauses.add(orphansOf(write.key(), write.version(), cutoff));
		}
		clausesByIndex.forEach((index, clauses) -> deleteChunks(this.cleanUpRemote, index, clauses));
	}

	/** Chunks of {@code key} older than {@code cutoff} whose version is not {@code current} (null: any). */
	private static Map<String, Object> orphansOf(String key, @Nullable String current, long cutoff) {
		Map<String, Object> bool = new LinkedHashMap<>();
		bool.put("filter", List.of(keyIs(key), Map.of("range", Map.of(OpenSearchFields.WRITTEN_AT, Map.of("lt", cutoff)))));
		if (current != null) {
			bool.put("must_not", List.of(Map.of("term", Map.of(OpenSearchFields.VERSION, current))));
		}
		return Map.of("bool", bool);
	}

	private static Map<String, Object> keyIs(String key) {
		return Map.of("term", Map.of(OpenSearchFields.KEY, key));
	}

	/** Chunks of one of {@code versions}; "" stands for chunks written before versions existed. */
	private static Map<String, Object> versionIn(Set<String> versions) {
		List<String> named = versions.stream().filter(version -> !version.isEmpty()).toList();
		List<Map<String, Object>> should = new ArrayList<>(2);
		if (!named.isEmpty()) {
			should.add(Map.of("terms", Map.of(OpenSearchFields.VERSION, named)));
		}
		if (versions.contains("")) {
			should.add(Map.of("bool",
					Map.of("must_not", List.of(Map.of("exists", Map.of("field", OpenSearchFields.VERSION))))));
		}
		return Map.of("bool", Map.of("should", should, "minimum_should_match", 1));
	}

	/** Clauses per delete-by-query: each is a few nested clauses, and OpenSearch allows 1024 in all. */
	private static final int CLAUSES_PER_DELETE = 100;

	/** Deletes the chunks of {@code index} matching any clause through {@code via}; logs rather than throws. */
	private void deleteChunks(RemoteHttp via, String index, List<Map<String, Object>> clauses) {
		for (int from = 0; from < clauses.size(); from += CLAUSES_PER_DELETE) {
			List<Map<String, Object>> part = clauses.subList(from, Math.min(clauses.size(), from + CLAUSES_PER_DELETE));
			Map<String, Object> query = Map.of("bool", Map.of("filter",
					List.of(Map.of("term", Map.of(OpenSearchFields.KIND, OpenSearchFields.KIND_CHUNK))), "should", part,
					"minimum_should_match", 1));
			try {
				deleteByQuery(via, index, query);
			}
			catch (RemoteCallException ex) {
				logger.warn("Could not delete superseded chunks in '{}' (they stay invisible to search and the next"
						+ " write of each document removes them): {}", index, ex.getMessage());
			}
		}
	}

	private void deleteByQuery(RemoteHttp via, String index, Map<String, Object> query) {
		HttpUrl url = url(index, "_delete_by_query").newBuilder()
			// delete_by_query does not support refresh=wait_for; true makes the deletion visible on return.
			.addQueryParameter("refresh", "true")
			// A concurrent write to one of the chunks must not abort the delete halfway.
			.addQueryParameter("conflicts", "proceed")
			.build();
		JsonNode response = call(via, post(url, Map.of("query", query))).body();
		JsonNode failures = response.path("failures");
		if (failures.isArray() && !failures.isEmpty()) {
			JsonNode cause = failures.get(0).path("cause");
			int status = failures.get(0).path("status").asInt(500);
			throw RemoteCallException.retryable(SERVICE, "OpenSearch could not delete all chunks in '" + index + "' ("
					+ failures.size() + " failures); first: " + cause.path("type").asString("unknown") + ": "
					+ reason(cause), status, cause.path("type").asString(null), null);
		}
	}

	/** A failed write's own, uncommitted chunks, deleted by id; best effort. */
	private void discard(List<Write> writes) {
		List<String> operations = new ArrayList<>(writes.size());
		for (Write write : writes) {
			StringBuilder lines = new StringBuilder();
			for (EmbeddedChunk embedded : write.upsert().chunks()) {
				action(lines, "delete", write.index(),
						OpenSearchFields.chunkId(write.key(), write.version(), embedded.chunk().position()));
			}
			operations.add(lines.toString());
		}
		try {
			sendBulks(operations, null, true);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the chunks of a failed write (invisible to search; the next write of each"
					+ " document removes them): {}", ex.getMessage());
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while retrying a commit", ex);
		}
	}

	private void action(StringBuilder lines, String action, String index, String id) {
		lines.append(this.json.writeValueAsString(Map.of(action, Map.of("_index", index, "_id", id)))).append('\n');
	}

	private Map<String, Object> chunkSource(Document document, String key, String version, long writtenAt,
			EmbeddedChunk embedded) {
		Chunk chunk = embedded.chunk();
		Map<String, Object> source = new LinkedHashMap<>();
		source.put(OpenSearchFields.KIND, OpenSearchFields.KIND_CHUNK);
		source.put(OpenSearchFields.KEY, key);
		source.put(OpenSearchFields.NAMESPACE, document.namespace());
		source.put(OpenSearchFields.VERSION, version);
		source.put(OpenSearchFields.WRITTEN_AT, writtenAt);
		// Metadata is indexed below as keyed terms (ms/mn/mb), so the codec copies none of it.
		this.payload.write(this.json.createObjectNode(), chunk, (name, value) -> false)
			.properties()
			.forEach((field) -> source.put(field.getKey(), field.getValue()));
		source.put(OpenSearchFields.VECTOR, embedded.vector());
		List<String> strings = new ArrayList<>();
		List<String> numbers = new ArrayList<>();
		List<String> booleans = new ArrayList<>();
		chunk.metadata().forEach((name, value) -> indexMetadata(name, value, strings, numbers, booleans));
		putIfNotEmpty(source, OpenSearchFields.METADATA_STRINGS, strings);
		putIfNotEmpty(source, OpenSearchFields.METADATA_NUMBERS, numbers);
		putIfNotEmpty(source, OpenSearchFields.METADATA_BOOLEANS, booleans);
		return source;
	}

	/** Sorts one metadata value (lists: each element) into the per-type term lists; lists are multi-valued. */
	private static void indexMetadata(String name, Object value, List<String> strings, List<String> numbers,
			List<String> booleans) {
		if (value instanceof Collection<?> values) {
			for (Object element : values) {
				if (!(element instanceof Collection<?>)) {
					indexMetadata(name, element, strings, numbers, booleans);
				}
			}
			return;
		}
		switch (value) {
			case String text -> {
				String term = OpenSearchFields.stringTerm(name, text);
				if (term != null) {
					strings.add(term);
				}
			}
			case Boolean bool -> booleans.add(OpenSearchFields.booleanTerm(name, bool));
			case Number number -> numbers.add(OpenSearchFields.numberTerm(name, number.doubleValue()));
			default -> {
				// Maps and other shapes are outside the metadata contract: kept in stored.metadata, not filterable.
			}
		}
	}

	private static void putIfNotEmpty(Map<String, Object> source, String field, List<String> values) {
		if (!values.isEmpty()) {
			source.put(field, values);
		}
	}


	private Map<String, Object> documentSource(Document document, String key, int chunkCount, String version,
			List<String> stale) {
		Map<String, Object> stored = new LinkedHashMap<>();
		stored.put("content", document.content());
		stored.put("metadata", document.metadata());
		stored.put("created_at", document.createdAt().toString());
		stored.put("updated_at", document.updatedAt().toString());
		stored.put("chunk_count", chunkCount);
		stored.put("stale", stale);
		Map<String, Object> source = new LinkedHashMap<>();
		source.put(OpenSearchFields.KIND, OpenSearchFields.KIND_DOCUMENT);
		source.put(OpenSearchFields.KEY, key);
		source.put(OpenSearchFields.NAMESPACE, document.namespace());
		source.put(OpenSearchFields.DOCUMENT_ID, document.id());
		source.put(OpenSearchFields.VERSION, version);
		if (document.source() != null) {
			source.put(OpenSearchFields.SOURCE, document.source());
		}
		source.put(OpenSearchFields.STORED, stored);
		return source;
	}

	/**
	 * Sends NDJSON operation groups (each one document's lines) in {@code _bulk} requests of about
	 * {@link #MAX_BULK_BYTES}, never splitting a group.
	 * @param refresh the {@code refresh} parameter, or null for none
	 * @param conflictsExpected whether a 409 item is an answer (conditional writes) rather than a failure
	 * @return every item's result, in order
	 */
	private List<JsonNode> sendBulks(List<String> groups, @Nullable String refresh, boolean conflictsExpected) {
		List<JsonNode> items = new ArrayList<>();
		StringBuilder bulk = new StringBuilder();
		int groupsInBulk = 0;
		for (String group : groups) {
			if (group.isEmpty()) {
				continue;
			}
			if (groupsInBulk > 0 && bulk.length() + group.length() > MAX_BULK_BYTES) {
				items.addAll(sendBulk(bulk.toString(), groupsInBulk, refresh, conflictsExpected));
				bulk.setLength(0);
				groupsInBulk = 0;
			}
			bulk.append(group);
			groupsInBulk++;
		}
		if (groupsInBulk > 0) {
			items.addAll(sendBulk(bulk.toString(), groupsInBulk, refresh, conflictsExpected));
		}
		return items;
	}

	private List<JsonNode> sendBulk(String ndjson, int documents, @Nullable String refresh, boolean conflictsExpected) {
		HttpUrl.Builder url = url("_bulk").newBuilder();
		if (refresh != null) {
			url.addQueryParameter("refresh", refresh);
		}
		JsonNode response = call(this.remote, request(url.build()).post(RequestBody.create(ndjson, NDJSON)).build())
			.body();
		List<JsonNode> results = new ArrayList<>();
		int failed = 0;
		JsonNode first = null;
		for (JsonNode item : response.path("items")) {
			JsonNode result = item.iterator().next();
			results.add(result);
			int status = result.path("status").asInt(0);
			// A delete of a chunk that is already gone is a 404 item: what was wanted.
			boolean expected = (conflictsExpected && status == 409) || (status == 404 && item.has("delete"));
			if (result.has("error") && !expected) {
				failed++;
				if (first == null) {
					first = result;
				}
			}
		}
		if (first == null) {
			return results;
		}
		// A 200 can still carry failed items; the first one says why, the count says how bad.
		int status = first.path("status").asInt(0);
		JsonNode error = first.path("error");
		String type = error.path("type").asString("unknown");
		throw RemoteCallException.ofStatus(SERVICE,
				"OpenSearch rejected " + failed + " of " + response.path("items").size() + " bulk operations (for "
						+ documents + " document(s)); first: HTTP " + status + " " + type + ": " + reason(error),
				status, type, null);
	}

	/**
	 * Replaces the record with a tombstone conditionally on the record read just before (re-reading when another
	 * replica wrote in between), then deletes the chunks of the version it held and of the one that superseded,
	 * and chunks of the document no write has claimed for {@link #ORPHAN_AGE}. A concurrent writer's uncommitted
	 * chunks are younger and survive: its conditional commit fails on the tombstone, it reads again and commits
	 * over it (its write came after the delete, so the document exists again), or it gives up and deletes its
	 * chunks. Search stops showing the document as soon as the tombstone is written, before its chunks are gone.
	 * The tombstone names the versions being removed, so a delete that dies before removing them is finished by
	 * {@link #sweepTombstones}, which also removes tombstones older than {@link #TOMBSTONE_RETENTION}.
	 */
	@Override
	public boolean delete(String namespace, String documentId) {
		String index = indexOf(namespace);
		if (!openIndex(index, false)) {
			return false;
		}
		String key = OpenSearchFields.key(namespace, documentId);
		HttpUrl recordUrl = url(index, "_doc", OpenSearchFields.documentRecordId(key));
		for (int attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
			if (attempt > 1) {
				sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10)));
			}
			HttpUrl read = recordUrl.newBuilder().addQueryParameter("_source_includes", RECORD_STATE_FIELDS).build();
			RecordState state = recordState(call(this.remote, get(read), 404).body());
			if (!state.live()) {
				return false;
			}
			Set<String> superseded = state.superseded();
			HttpUrl conditional = recordUrl.newBuilder()
				.addQueryParameter("if_seq_no", Long.toString(state.seqNo()))
				.addQueryParameter("if_primary_term", Long.toString(state.primaryTerm()))
				.build();
			long now = this.clock.millis();
			Reply written = call(this.remote,
					put(conditional, this.json.writeValueAsString(tombstoneSource(namespace, documentId, key, now,
							List.copyOf(superseded)))),
					404, 409);
			if (written.status() == 409 || written.status() == 404) {
				continue; // changed or deleted meanwhile: read again
			}
			List<Map<String, Object>> clauses = new ArrayList<>(2);
			clauses.add(Map.of("bool", Map.of("filter", List.of(keyIs(key), versionIn(superseded)))));
			clauses.add(orphansOf(key, null, now - ORPHAN_AGE.toMillis()));
			deleteChunks(this.cleanUpRemote, index, clauses);
			return true;
		}
		throw RemoteCallException.retryable(SERVICE, "OpenSearch: document '" + documentId + "' kept being rewritten"
				+ " by other writers; gave up deleting it after " + MAX_COMMIT_ATTEMPTS + " attempts", 409,
				"version_conflict_engine_exception", null);
	}

	/**
	 * How long a tombstone outlives its delete: long enough that every write that could still commit over the
	 * deleted record has committed or given up ({@link #MAX_WRITE_AGE}), and that its orphan chunks are old
	 * enough ({@link #ORPHAN_AGE}) for the sweep to remove whatever a dead writer left.
	 */
	static final Duration TOMBSTONE_RETENTION = ORPHAN_AGE.multipliedBy(2);

	/** How often each replica sweeps expired tombstones. */
	private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

	/** Tombstones swept per namespace index per sweep; the next sweep takes the rest. */
	private static final int SWEEP_BATCH = 500;

	private Map<String, Object> tombstoneSource(String namespace, String documentId, String key, long deletedAt,
			List<String> stale) {
		Map<String, Object> source = new LinkedHashMap<>();
		source.put(OpenSearchFields.KIND, OpenSearchFields.KIND_TOMBSTONE);
		source.put(OpenSearchFields.KEY, key);
		source.put(OpenSearchFields.NAMESPACE, namespace);
		source.put(OpenSearchFields.DOCUMENT_ID, documentId);
		source.put(OpenSearchFields.VERSION, newVersion());
		source.put(OpenSearchFields.WRITTEN_AT, deletedAt);
		source.put(OpenSearchFields.STORED, Map.of("stale", stale));
		return source;
	}

	/**
	 * Removes tombstones older than {@link #TOMBSTONE_RETENTION} (as of {@code now}, epoch millis) in every
	 * namespace: first every chunk of the document older than {@link #ORPHAN_AGE} (what the delete named, should it
	 * have died before removing it, and what a writer that died left), then the tombstone itself, conditionally on
	 * it being unchanged (a writer may have committed over it meanwhile). Each replica runs it every
	 * {@link #SWEEP_INTERVAL}; running it twice at once is harmless.
	 * @return the tombstones removed
	 */
	int sweepTombstones(long now) {
		Map<String, Object> query = Map.of("bool", Map.of("filter",
				List.of(Map.of("term", Map.of(OpenSearchFields.KIND, OpenSearchFields.KIND_TOMBSTONE)), Map.of("range",
						Map.of(OpenSearchFields.WRITTEN_AT, Map.of("lt", now - TOMBSTONE_RETENTION.toMillis()))))));
		HttpUrl search = url(OpenSearchFields.allNamespaceIndices(this.index), "_search").newBuilder()
			.addQueryParameter("ignore_unavailable", "true")
			.addQueryParameter("allow_no_indices", "true")
			.addQueryParameter("seq_no_primary_term", "true")
			.build();
		JsonNode hits = call(this.remote, post(search, Map.of("size", SWEEP_BATCH, "query", query, "_source",
				List.of(OpenSearchFields.KEY)))).body().path("hits").path("hits");
		int removed = 0;
		for (JsonNode hit : hits) {
			String index = hit.path("_index").asString();
			String key = hit.path("_source").path(OpenSearchFields.KEY).asString("");
			if (key.isEmpty()) {
				continue;
			}
			// The search is near real time: a write may have replaced the tombstone within the last second. Only a
			// tombstone still current (real-time GET, same sequence number) has its document's chunks deleted.
			JsonNode current = call(this.remote, get(url(index, "_doc", hit.path("_id").asString())), 404).body();
			if (!current.path("found").asBoolean(false)
					|| current.path("_seq_no").asLong(-1) != hit.path("_seq_no").asLong(-2)
					|| !OpenSearchFields.KIND_TOMBSTONE.equals(current.path("_source").path(OpenSearchFields.KIND).asString(""))) {
				continue;
			}
			deleteChunks(this.remote, index, List.of(orphansOf(key, null, now - ORPHAN_AGE.toMillis())));
			HttpUrl conditional = url(index, "_doc", hit.path("_id").asString()).newBuilder()
				.addQueryParameter("if_seq_no", Long.toString(hit.path("_seq_no").asLong()))
				.addQueryParameter("if_primary_term", Long.toString(hit.path("_primary_term").asLong()))
				.build();
			if (call(this.remote, request(conditional).delete().build(), 404, 409).status() == 200) {
				removed++;
			}
		}
		if (removed > 0) {
			logger.debug("Swept {} expired tombstone(s)", removed);
		}
		return removed;
	}

	/**
	 * Deletes chunks written in {@code [from, to)} (epoch millis, {@code to} at most now − {@link #ORPHAN_AGE}) whose
	 * version their document's record does not name: what a writer that died between its chunk write and its
	 * commit left (a replica killed -9 mid-ingest), and superseded chunks whose deletion failed. Such a writer can
	 * no longer commit: it gives up {@link #MAX_WRITE_AGE} after it started, and its chunks' {@code written_at} is
	 * its start (so replicas' clocks must agree within minutes). Each sweep looks at a window a few sweep intervals
	 * wide that has just become old enough, so it reads only recently written chunks, never the whole index.
	 * @return the chunks deleted
	 */
	long sweepUncommitted(long from, long to) {
		if (to > this.clock.millis() - ORPHAN_AGE.toMillis()) {
			throw new IllegalArgumentException("only chunks older than " + ORPHAN_AGE + " may be swept");
		}
		HttpUrl indices = url("_cat", "indices", OpenSearchFields.allNamespaceIndices(this.index)).newBuilder()
			.addQueryParameter("format", "json")
			.addQueryParameter("h", "index")
			.addQueryParameter("allow_no_indices", "true")
			.addQueryParameter("ignore_unavailable", "true")
			.build();
		JsonNode rows = call(this.remote, get(indices), 404).body();
		long deleted = 0;
		if (!rows.isArray()) {
			return 0; // no namespace written yet
		}
		for (JsonNode row : rows) {
			deleted += sweepUncommitted(row.path("index").asString(), from, to);
		}
		return deleted;
	}

	/** Composite-aggregation pages of (key, version) per sweep and index: a bound on one sweep's work. */
	private static final int MAX_SWEEP_PAGES = 20;

	private long sweepUncommitted(String index, long from, long to) {
		Map<String, Object> window = Map.of("bool", Map.of("filter",
				List.of(Map.of("term", Map.of(OpenSearchFields.KIND, OpenSearchFields.KIND_CHUNK)),
						Map.of("range", Map.of(OpenSearchFields.WRITTEN_AT, Map.of("gte", from, "lt", to))))));
		Map<String, Set<String>> versionsByKey = new LinkedHashMap<>();
		Object after = null;
		for (int page = 0; page < MAX_SWEEP_PAGES; page++) {
			Map<String, Object> composite = new LinkedHashMap<>();
			composite.put("size", 1000);
			composite.put("sources",
					List.of(Map.of("key", Map.of("terms", Map.of("field", OpenSearchFields.KEY))),
							Map.of("version", Map.of("terms", Map.of("field", OpenSearchFields.VERSION)))));
			if (after != null) {
				composite.put("after", after);
			}
			JsonNode aggregation = call(this.remote, post(url(index, "_search"), Map.of("size", 0, "query", window,
					"aggs", Map.of("pairs", Map.of("composite", composite))))).body()
				.path("aggregations")
				.path("pairs");
			for (JsonNode bucket : aggregation.path("buckets")) {
				versionsByKey.computeIfAbsent(bucket.path("key").path("key").asString(), k -> new java.util.LinkedHashSet<>())
					.add(bucket.path("key").path("version").asString());
			}
			if (!aggregation.has("after_key") || aggregation.path("buckets").isEmpty()) {
				break;
			}
			after = this.json.convertValue(aggregation.path("after_key"), Map.class);
		}
		if (versionsByKey.isEmpty()) {
			return 0;
		}
		List<String> keys = List.copyOf(versionsByKey.keySet());
		HttpUrl mget = url(index, "_mget").newBuilder().addQueryParameter("_source_includes", RECORD_STATE_FIELDS).build();
		JsonNode docs = call(this.remote, post(mget,
				Map.of("ids", keys.stream().map(OpenSearchFields::documentRecordId).toList()))).body().path("docs");
		List<Map<String, Object>> clauses = new ArrayList<>();
		for (int i = 0; i < keys.size() && i < docs.size(); i++) {
			RecordState record = recordState(docs.get(i));
			Set<String> garbage = new java.util.LinkedHashSet<>(versionsByKey.get(keys.get(i)));
			if (record.live()) {
				garbage.remove(record.version());
			}
			if (!garbage.isEmpty()) {
				clauses.add(Map.of("bool", Map.of("filter", List.of(keyIs(keys.get(i)), versionIn(garbage),
						Map.of("range", Map.of(OpenSearchFields.WRITTEN_AT, Map.of("lt", to)))))));
			}
		}
		if (clauses.isEmpty()) {
			return 0;
		}
		long before = countChunks(index);
		deleteChunks(this.remote, index, clauses);
		long removed = Math.max(0, before - countChunks(index));
		if (removed > 0) {
			logger.info("Swept {} uncommitted or superseded chunk(s) of {} document(s) from '{}'", removed,
					clauses.size(), index);
		}
		return removed;
	}

	private long countChunks(String index) {
		return call(this.remote, post(url(index, "_count"),
				Map.of("query", Map.of("term", Map.of(OpenSearchFields.KIND, OpenSearchFields.KIND_CHUNK))))).body()
			.path("count")
			.asLong();
	}

	private void sweepQuietly() {
		long now = this.clock.millis();
		try {
			// The window that has just become old enough, three intervals wide so that a late sweep misses nothing.
			long to = now - ORPHAN_AGE.toMillis();
			sweepUncommitted(to - 3 * SWEEP_INTERVAL.toMillis(), to);
		}
		catch (RuntimeException ex) {
			logger.debug("Sweep of uncommitted chunks failed: {}", ex.getMessage());
		}
		try {
			sweepTombstones(now);
		}
		catch (RuntimeException ex) {
			// OpenSearch down, say: the next sweep tries again.
			logger.debug("Tombstone sweep failed: {}", ex.getMessage());
		}
	}


	// ---------------------------------------------------------------------------------------------- reads

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		String index = indexOf(namespace);
		if (!openIndex(index, false)) {
			return Optional.empty();
		}
		String key = OpenSearchFields.key(namespace, documentId);
		// GET by id is real time: it sees the last acknowledged write even before a refresh.
		Reply record = call(this.remote, get(url(index, "_doc", OpenSearchFields.documentRecordId(key))), 404);
		if (!record.body().path("found").asBoolean(false)) {
			return Optional.empty();
		}
		JsonNode source = record.body().path("_source");
		if (OpenSearchFields.KIND_TOMBSTONE.equals(source.path(OpenSearchFields.KIND).asString(""))) {
			return Optional.empty();
		}
		JsonNode stored = source.path(OpenSearchFields.STORED);
		Document document = new Document(documentId, namespace, stored.path("content").asString(),
				metadata(stored.path("metadata")), text(source.path(OpenSearchFields.SOURCE)),
				Instant.parse(stored.path("created_at").asString()), Instant.parse(stored.path("updated_at").asString()));
		int count = stored.path("chunk_count").asInt(0);
		if (count == 0) {
			return Optional.of(new StoredDocument(document, List.of()));
		}
		// The record names the committed version; its chunks have ids of their own.
		String version = source.path(OpenSearchFields.VERSION).asString("");
		List<String> ids = new ArrayList<>(count);
		for (int position = 0; position < count; position++) {
			ids.add(OpenSearchFields.chunkId(key, version, position));
		}
		JsonNode docs = call(this.remote, post(url(index, "_mget"), Map.of("ids", ids))).body().path("docs");
		List<EmbeddedChunk> chunks = new ArrayList<>(count);
		for (JsonNode doc : docs) {
			if (doc.path("found").asBoolean(false)) {
				JsonNode chunkSource = doc.path("_source");
				chunks.add(new EmbeddedChunk(toChunk(chunkSource), vector(chunkSource.path(OpenSearchFields.VECTOR))));
			}
		}
		chunks.sort(Comparator.comparingInt(embedded -> embedded.chunk().position()));
		return Optional.of(new StoredDocument(document, chunks));
	}

	@Override
	public List<SearchResult> search(SearchRequest request) {
		// A bad vector or filter is refused whether or not the namespace holds anything yet.
		Map<String, Object> scope = scope(request);
		if (request.mode() != SearchMode.SPARSE) {
			checkVector(request.vector());
		}
		String index = indexOf(request.namespace());
		if (!openIndex(index, false)) {
			return List.of();
		}
		if (request.mode() == SearchMode.HYBRID) {
			return hybrid(request);
		}
		List<JsonNode> hits = (request.mode() == SearchMode.DENSE) ? denseHits(index, request, scope)
				: sparseHits(index, request, scope);
		Map<String, String> current = currentVersions(index, hits, List.of());
		return (request.mode() == SearchMode.DENSE) ? head(dense(hits, current), request.topK())
				: head(sparse(hits, current), request.topK());
	}

	/**
	 * The committed version of each document among the hits, from a real-time {@code _mget} of their records:
	 * hits of any other version (a write not yet committed, or superseded and not yet deleted) are dropped, so
	 * a search never mixes two versions of a document, and one that was deleted disappears with its record.
	 */
	private Map<String, String> currentVersions(String index, List<JsonNode> denseHits, List<JsonNode> sparseHits) {
		Set<String> keys = new java.util.LinkedHashSet<>();
		for (List<JsonNode> hits : List.of(denseHits, sparseHits)) {
			for (JsonNode hit : hits) {
				keys.add(hit.path("_source").path(OpenSearchFields.KEY).asString(""));
			}
		}
		if (keys.isEmpty()) {
			return Map.of();
		}
		List<String> ids = keys.stream().map(OpenSearchFields::documentRecordId).toList();
		HttpUrl url = url(index, "_mget").newBuilder()
			.addQueryParameter("_source_includes",
					OpenSearchFields.KIND + "," + OpenSearchFields.KEY + "," + OpenSearchFields.VERSION)
			.build();
		Map<String, String> versions = new HashMap<>();
		for (JsonNode doc : call(this.remote, post(url, Map.of("ids", ids))).body().path("docs")) {
			JsonNode source = doc.path("_source");
			// A tombstone has no current version: every chunk of a deleted document is dropped.
			if (doc.path("found").asBoolean(false)
					&& !OpenSearchFields.KIND_TOMBSTONE.equals(source.path(OpenSearchFields.KIND).asString(""))) {
				versions.put(source.path(OpenSearchFields.KEY).asString(), source.path(OpenSearchFields.VERSION).asString(""));
			}
		}
		return versions;
	}

	private static boolean isCurrent(JsonNode hit, Map<String, String> current) {
		JsonNode source = hit.path("_source");
		String version = current.get(source.path(OpenSearchFields.KEY).asString(""));
		return version != null && version.equals(source.path(OpenSearchFields.VERSION).asString(""));
	}

	/**
	 * A dense and a sparse search, each as deep as the request's fusion says, fused here as it describes
	 * (OpenSearch's own {@code hybrid} query would need a search pipeline for every fusion setting).
	 */
	private List<SearchResult> hybrid(SearchRequest request) {
		HybridFusion fusion = request.fusion(this.rrfK);
		return Fusions.fuse(fusion, search(request.denseList(fusion)), search(request.sparseList(fusion)),
				request.topK());
	}

	/** Chunks of the request's namespace that pass its filter. */
	private static Map<String, Object> scope(SearchRequest request) {
		List<Map<String, Object>> filters = new ArrayList<>(3);
		filters.add(Map.of("term", Map.of(OpenSearchFields.KIND, OpenSearchFields.KIND_CHUNK)));
		filters.add(Map.of("term", Map.of(OpenSearchFields.NAMESPACE, request.namespace())));
		if (request.filter() != null) {
			filters.add(OpenSearchFilterConverter.toQuery(request.filter()));
		}
		return Map.of("bool", Map.of("filter", filters));
	}

	/** The nearest {@code candidates} chunks, scored by cosine similarity. */
	private List<JsonNode> denseHits(String index, SearchRequest request, Map<String, Object> scope) {
		float[] vector = checkVector(request.vector());
		// The filter inside the knn clause is a pre-filter (the Lucene engine searches the graph only among
		// accepted docs, exactly when few pass), so a filtered search does not lose recall.
		Map<String, Object> knn = Map.of(OpenSearchFields.VECTOR,
				Map.of("vector", vector, "k", request.candidates(), "filter", scope));
		return searchHits(index, Map.of("knn", knn), request.candidates());
	}

	private List<SearchResult> dense(List<JsonNode> hits, Map<String, String> current) {
		List<SearchResult> results = new ArrayList<>();
		for (JsonNode hit : hits) {
			if (isCurrent(hit, current)) {
				// cosinesimil scores as (1 + cosine) / 2.
				double cosine = 2.0 * hit.path("_score").asDouble() - 1.0;
				results.add(new SearchResult(toChunk(hit.path("_source")), cosine, results.size() + 1, cosine, null));
			}
		}
		return results;
	}

	private float[] checkVector(float @Nullable [] vector) {
		if (vector == null || vector.length != this.dimensions) {
			throw new IllegalArgumentException("query vector must have " + this.dimensions + " dimensions, had "
					+ (vector == null ? "none" : vector.length));
		}
		return vector;
	}

	/** The best {@code candidates} chunks by BM25 over the query text. */
	private List<JsonNode> sparseHits(String index, SearchRequest request, Map<String, Object> scope) {
		String text = limitWords(request.text() == null ? "" : request.text());
		if (text.isEmpty()) {
			return List.of();
		}
		// A match query analyses the text with the field's analyzer and never parses it as query syntax, so
		// quotes, colons or AND in a question are just words.
		Map<String, Object> query = Map.of("bool",
				Map.of("must", List.of(Map.of("match", Map.of(OpenSearchFields.TEXT, Map.of("query", text)))), "filter",
						List.of(scope)));
		return searchHits(index, query, request.candidates());
	}

	private List<SearchResult> sparse(List<JsonNode> hits, Map<String, String> current) {
		List<SearchResult> results = new ArrayList<>();
		for (JsonNode hit : hits) {
			if (isCurrent(hit, current)) {
				double score = hit.path("_score").asDouble();
				results.add(new SearchResult(toChunk(hit.path("_source")), score, results.size() + 1, null, score));
			}
		}
		return results;
	}

	private static String limitWords(String text) {
		String[] words = WHITESPACE.split(text.strip());
		return (words.length <= MAX_QUERY_WORDS) ? text.strip()
				: String.join(" ", Arrays.copyOf(words, MAX_QUERY_WORDS));
	}

	private List<JsonNode> searchHits(String index, Map<String, Object> query, int size) {
		Map<String, Object> body = Map.of("size", size, "query", query, "_source",
				Map.of("excludes", List.of(OpenSearchFields.VECTOR)));
		List<JsonNode> hits = new ArrayList<>();
		call(this.remote, post(url(index, "_search"), body)).body().path("hits").path("hits").forEach(hits::add);
		return hits;
	}

	private static List<SearchResult> head(List<SearchResult> results, int topK) {
		return (results.size() <= topK) ? results : List.copyOf(results.subList(0, topK));
	}

	/** In the unindexed {@code stored} object, beside the token count: no mapping change. */
	@Override
	public boolean keepsSentenceVectors() {
		return true;
	}

	@Override
	public long chunkCount() {
		Map<String, Object> body = Map.of("query",
				Map.of("term", Map.of(OpenSearchFields.KIND, OpenSearchFields.KIND_CHUNK)));
		// No namespace written yet is zero, not an error.
		HttpUrl url = url(OpenSearchFields.allNamespaceIndices(this.index), "_count").newBuilder()
			.addQueryParameter("ignore_unavailable", "true")
			.addQueryParameter("allow_no_indices", "true")
			.build();
		return call(this.remote, post(url, body)).body().path("count").asLong();
	}

	@Override
	public Health healthCheck() {
		try {
			JsonNode health = call(this.healthRemote, get(url("_cluster", "health"))).body();
			String status = health.path("status").asString("unknown");
			if (!"green".equals(status) && !"yellow".equals(status)) {
				return Health.down("OpenSearch cluster status is " + status);
			}
			return Health.up(Map.of("url", this.baseUrl.redact(), "index", this.index, "cluster",
					health.path("cluster_name").asString(""), "status", status, "nodes",
					health.path("number_of_nodes").asInt(), "dimensions", this.dimensions));
		}
		catch (RemoteCallException ex) {
			return Health.down(ex.getMessage());
		}
	}

	private Chunk toChunk(JsonNode source) {
		return this.payload.read(source, null);
	}

	private Map<String, Object> metadata(JsonNode node) {
		return this.payload.metadata(node);
	}

	private static float[] vector(JsonNode node) {
		float[] vector = new float[node.size()];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = node.get(i).floatValue();
		}
		return vector;
	}

	private static @Nullable String text(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	// ------------------------------------------------------------------------------------------------ HTTP

	HttpUrl url(String... segments) {
		return RemoteHttp.url(this.baseUrl, segments);
	}

	Request.Builder request(HttpUrl url) {
		return this.remote.request(url);
	}

	Request get(HttpUrl url) {
		return request(url).get().build();
	}

	Request put(HttpUrl url, String body) {
		return request(url).put(RequestBody.create(body, RemoteHttp.JSON)).build();
	}

	Request post(HttpUrl url, Object body) {
		return request(url).post(RequestBody.create(this.json.writeValueAsString(body), RemoteHttp.JSON)).build();
	}

	/** A response that was a success, or one of the statuses the caller said it handles. */
	record Reply(int status, JsonNode body) {
	}

	Reply call(RemoteHttp remote, Request request, int... handledStatuses) {
		String what = request.method() + " " + request.url().encodedPath();
		RemoteHttp.Reply reply = remote.exchange(request, "call " + what);
		JsonNode body = parse(reply.body());
		int status = reply.status();
		if (reply.successful()) {
			return new Reply(status, body);
		}
		for (int handled : handledStatuses) {
			if (status == handled) {
				return new Reply(status, body);
			}
		}
		throw failure(what, status, body);
	}

	private JsonNode parse(String text) {
		if (text.isBlank()) {
			return this.json.createObjectNode();
		}
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			// A proxy's HTML page, say: keep a little of it as the reason.
			return this.json.createObjectNode().put("reason", truncate(text.strip()));
		}
	}

	private RemoteCallException failure(String what, int status, JsonNode body) {
		JsonNode error = body.path("error");
		String type = error.isObject() ? error.path("type").asString(null) : null;
		String reason = error.isObject() ? reason(error)
				: error.isString() ? truncate(error.asString()) : truncate(body.path("reason").asString(""));
		// 409 is a version conflict and 429 a rejected execution: both can succeed later.
		return RemoteCallException.ofStatus(SERVICE, "OpenSearch " + what + " returned HTTP " + status
				+ ((type != null) ? " (" + type + ")" : "") + (reason.isEmpty() ? "" : ": " + reason), status, type,
				null);
	}

	/** The error's reason and its root cause, without quoted field values. */
	private static String reason(JsonNode error) {
		String reason = withoutValues(error.path("reason").asString(""));
		JsonNode cause = error.path("caused_by");
		if (cause.isObject()) {
			reason = reason + " (caused by " + cause.path("type").asString("") + ": "
					+ withoutValues(cause.path("reason").asString("")) + ")";
		}
		return truncate(reason);
	}

	private static String withoutValues(String reason) {
		return VALUE_PREVIEW.matcher(reason).replaceAll("");
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_REASON_LENGTH) ? text : text.substring(0, MAX_REASON_LENGTH) + "…";
	}

	/** Releases OkHttp's connection pool and dispatcher threads. */
	@Override
	public void close() {
		this.sweeper.shutdownNow();
		RemoteHttp.close(this.http);
	}

	@Override
	public String toString() {
		return "OpenSearchVectorStore[" + this.baseUrl.redact() + ", index=" + this.index + "]";
	}

}
