package io.ragwell.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Embedder;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.Text;
import io.ragwell.core.VectorStore;
import io.ragwell.ingest.IngestResult.Status;
import io.ragwell.ingest.chunk.Chunker;
import io.ragwell.query.cache.ResponseCache;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.query.plan.LimitsProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The ingestion pipeline: validate → chunk → reuse unchanged vectors → embed the rest in parallel batches →
 * upsert. A batch is validated whole before anything is written, so a rejected request leaves no partial
 * state.
 */
@Service
public class IngestService {

	private static final Logger log = LoggerFactory.getLogger(IngestService.class);

	static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@\\-]{0,255}");

	private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

	private static final Set<String> RESERVED_KEYS = Set.of("document_id", "source", "namespace");

	private final DocumentLocks locks = new DocumentLocks();

	private final Chunker chunker;

	private final Embedder embedder;

	private final VectorStore store;

	private final LimitsProperties properties;

	private final Clock clock;

	private final ResponseCache cache;

	private final MeterRegistry registry;

	private final Counter chunksWritten;

	public IngestService(Chunker chunker, Embedder embedder, VectorStore store, LimitsProperties properties,
			ResponseCache cache, MeterRegistry registry) {
		this.chunker = chunker;
		this.embedder = embedder;
		this.store = store;
		this.properties = properties;
		this.cache = cache;
		this.registry = registry;
		this.clock = Clock.systemUTC();
		this.chunksWritten = Counter.builder(RagMetrics.INGEST_CHUNKS)
			.description("Chunks written by ingestion")
			.register(registry);
	}

	/** Ingests one document or a batch; results are in request order. */
	public List<IngestResult> ingest(String namespace, DocumentInput input) {
		return ingest(namespace, input, null);
	}

	/**
	 * Ingests one document or a batch; results are in request order.
	 * @param idSeed when not null, documents without an id get one derived from it and their position in the
	 * request (the same on every retry), rather than a random one
	 */
	public List<IngestResult> ingest(String namespace, DocumentInput input, @Nullable String idSeed) {
		List<DocumentInput> inputs = (input.documents() != null) ? input.documents() : List.of(input);
		List<Validated> documents = validate(input, inputs, idSeed);
		try (DocumentLocks.Held held = this.locks.lockAll(namespace, documents.stream().map(Validated::id).toList())) {
			List<IngestResult> results = ingestLocked(namespace, documents);
			for (IngestResult result : results) {
				Counter.builder(RagMetrics.INGEST_DOCUMENTS)
					.description("Documents ingested, by outcome")
					.tag("status", result.status())
					.register(this.registry)
					.increment();
			}
			return results;
		}
		catch (RuntimeException ex) {
			RagMetrics.error(this.registry, "ingest", ex);
			throw ex;
		}
	}

	public DocumentView get(String namespace, String id) {
		StoredDocument stored = this.store.findDocument(namespace, id)
			.orElseThrow(() -> new NotFoundException("document '" + id + "' does not exist"));
		Document doc = stored.document();
		return new DocumentView(doc.id(), doc.content(), doc.metadata(), doc.source(), doc.createdAt(),
				doc.updatedAt(), stored.chunks().size());
	}

	public void delete(String namespace, String id) {
		try (DocumentLocks.Held held = this.locks.lockAll(namespace, List.of(id))) {
			if (!this.store.delete(namespace, id)) {
				throw new NotFoundException("document '" + id + "' does not exist");
			}
			this.cache.invalidate(namespace);
		}
		log.info("document deleted id={} namespace={}", id, namespace);
	}

	private List<IngestResult> ingestLocked(String namespace, List<Validated> documents) {
		Instant now = this.clock.instant();
		// 1. Plan each document: chunk it and find which chunk texts already have vectors.
		List<Plan> plans = new ArrayList<>(documents.size());
		List<String> toEmbed = new ArrayList<>();
		for (Validated doc : documents) {
			Plan plan = plan(namespace, doc, now);
			plans.add(plan);
			toEmbed.addAll(plan.missing());
		}
		// 2. One embedding call for the whole batch: the embedder spreads it over its bounded executor.
		Map<String, float[]> embedded = new HashMap<>();
		if (!toEmbed.isEmpty()) {
			List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(toEmbed));
			List<float[]> vectors = this.embedder.embedBatch(distinct);
			for (int i = 0; i < distinct.size(); i++) {
				embedded.put(distinct.get(i), vectors.get(i));
			}
		}
		// 3. Write the changed documents: each replaces its old chunks atomically; the batch is durable once.
		List<VectorStore.Upsert> upserts = new ArrayList<>();
		List<IngestResult> results = new ArrayList<>(plans.size());
		for (Plan plan : plans) {
			if (plan.status() == Status.UNCHANGED) {
				results.add(new IngestResult(plan.document().id(), plan.chunks().size(), plan.status().wire(), 0));
				continue;
			}
			List<EmbeddedChunk> chunks = new ArrayList<>(plan.chunks().size());
			for (Chunk chunk : plan.chunks()) {
				float[] vector = plan.reused().get(chunk.contentHash());
				if (vector == null) {
					vector = Objects.requireNonNull(embedded.get(chunk.content()));
				}
				chunks.add(new EmbeddedChunk(chunk, vector));
			}
			upserts.add(new VectorStore.Upsert(plan.document(), chunks));
			results.add(new IngestResult(plan.document().id(), chunks.size(), plan.status().wire(),
					plan.missing().size()));
		}
		if (!upserts.isEmpty()) {
			this.store.upsertAll(upserts);
			// After the write is visible: answers computed before it are never served again.
			this.cache.invalidate(namespace);
			for (int i = 0, u = 0; i < plans.size(); i++) {
				Plan plan = plans.get(i);
				if (plan.status() != Status.UNCHANGED) {
					int chunks = upserts.get(u++).chunks().size();
					this.chunksWritten.increment(chunks);
					log.info("document ingested id={} namespace={} status={} chunks={} embedded={}",
							plan.document().id(), namespace, plan.status().wire(), chunks, plan.missing().size());
				}
			}
		}
		return results;
	}

	private Plan plan(String namespace, Validated input, Instant now) {
		StoredDocument existing = this.store.findDocument(namespace, input.id()).orElse(null);
		if (existing != null && sameAs(existing.document(), input)) {
			return new Plan(existing.document(), Status.UNCHANGED,
					existing.chunks().stream().map(EmbeddedChunk::chunk).toList(), Map.of(), List.of());
		}
		Instant created = (existing != null) ? existing.document().createdAt() : now;
		Document document = new Document(input.id(), namespace, input.content(), input.metadata(), input.source(),
				created, now);
		List<Chunk> chunks = this.chunker.chunk(document);
		if (chunks.isEmpty()) {
			throw new InvalidRequestException("invalid-document", "content",
					"document '" + input.id() + "' has no text to index");
		}
		Map<String, float[]> reused = new HashMap<>();
		if (existing != null) {
			for (EmbeddedChunk old : existing.chunks()) {
				reused.put(old.chunk().contentHash(), old.vector());
			}
		}
		List<String> missing = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (Chunk chunk : chunks) {
			if (!reused.containsKey(chunk.contentHash()) && seen.add(chunk.contentHash())) {
				missing.add(chunk.content());
			}
		}
		reused.keySet().retainAll(chunks.stream().map(Chunk::contentHash).toList());
		return new Plan(document, (existing != null) ? Status.UPDATED : Status.CREATED, chunks, reused, missing);
	}

	private static boolean sameAs(Document stored, Validated input) {
		return stored.content().equals(input.content()) && stored.metadata().equals(input.metadata())
				&& Objects.equals(stored.source(), input.source());
	}

	private List<Validated> validate(DocumentInput request, List<DocumentInput> inputs, @Nullable String idSeed) {
		if (request.documents() != null && (request.content() != null || request.id() != null)) {
			throw new InvalidRequestException("invalid-request", "documents",
					"send either one document or a 'documents' list, not both");
		}
		if (inputs.isEmpty()) {
			throw new InvalidRequestException("invalid-request", "documents", "'documents' must not be empty");
		}
		if (inputs.size() > this.properties.maxBatchDocuments()) {
			throw new InvalidRequestException("invalid-request", "documents", "a batch holds at most "
					+ this.properties.maxBatchDocuments() + " documents, got " + inputs.size());
		}
		List<Validated> documents = new ArrayList<>(inputs.size());
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			DocumentInput input = inputs.get(i);
			String where = (request.documents() != null) ? "documents[" + i + "]." : "";
			if (input == null) {
				throw new InvalidRequestException("invalid-request", "documents[" + i + "]", "documents must be objects");
			}
			if (input.documents() != null) {
				throw new InvalidRequestException("invalid-request", where + "documents", "batches cannot be nested");
			}
			String id = (input.id() != null) ? input.id()
					: (idSeed != null)
							? UUID.nameUUIDFromBytes((idSeed + '#' + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
							: UUID.randomUUID().toString();
			if (!ID.matcher(id).matches()) {
				throw new InvalidRequestException("invalid-request", where + "id", "'id' must be 1-256 characters of"
						+ " letters, digits and . _ : @ -, starting with a letter or digit");
			}
			if (!ids.add(id)) {
				throw new InvalidRequestException("invalid-request", where + "id",
						"document id '" + id + "' appears twice in the batch");
			}
			String content = (input.content() != null) ? Text.sanitize(input.content()) : null;
			if (content == null || content.isBlank()) {
				throw new InvalidRequestException("invalid-request", where + "content",
						"'content' is required and must not be blank");
			}
			if (content.length() > this.properties.maxDocumentChars()) {
				throw new InvalidRequestException("invalid-request", where + "content", "'content' has "
						+ content.length() + " characters; at most " + this.properties.maxDocumentChars() + " are accepted");
			}
			Map<String, Object> metadata = normaliseMetadata(where, input.metadata());
			if (input.source() != null && input.source().length() > 2048) {
				throw new InvalidRequestException("invalid-request", where + "source",
						"'source' must be at most 2048 characters");
			}
			String source = (input.source() != null) ? Text.sanitize(input.source()) : null;
			documents.add(new Validated(id, content, metadata, source));
		}
		return documents;
	}

	private Map<String, Object> normaliseMetadata(String where, @Nullable Map<String, Object> metadata) {
		if (metadata == null || metadata.isEmpty()) {
			return Map.of();
		}
		if (metadata.size() > this.properties.maxMetadataEntries()) {
			throw new InvalidRequestException("invalid-request", where + "metadata",
					"at most " + this.properties.maxMetadataEntries() + " metadata entries are accepted");
		}
		Map<String, Object> normalised = new java.util.TreeMap<>();
		for (Map.Entry<String, Object> entry : metadata.entrySet()) {
			String key = entry.getKey();
			String field = where + "metadata." + key;
			if (!METADATA_KEY.matcher(key).matches() || RESERVED_KEYS.contains(key)) {
				throw new InvalidRequestException("invalid-request", field, "metadata key '" + key
						+ "' must start with a letter or '_', use letters, digits, '_', '.' or '-', and not be one of "
						+ RESERVED_KEYS);
			}
			normalised.put(key, MetadataValues.normalise(field, entry.getValue()));
		}
		long bytes = MetadataValues.serialisedBytes(normalised);
		long limit = this.properties.maxMetadataBytes().toBytes();
		if (bytes > limit) {
			throw new InvalidRequestException("invalid-document", where + "metadata", "'metadata' is " + bytes
					+ " bytes as JSON; at most " + limit + " are accepted (ragwell.limits.max-metadata-bytes)");
		}
		return Map.copyOf(normalised);
	}

	private record Validated(String id, String content, Map<String, Object> metadata, @Nullable String source) {
	}

	private record Plan(Document document, Status status, List<Chunk> chunks, Map<String, float[]> reused,
			List<String> missing) {
	}

}
