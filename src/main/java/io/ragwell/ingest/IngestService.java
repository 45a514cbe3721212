package io.ragwell.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.AssetStore;
import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.DocumentPage;
import io.ragwell.core.DocumentParser;
import io.ragwell.core.DocumentTooLargeException;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Embedder;
import io.ragwell.core.ImageCaptioner;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.ParseLimits;
import io.ragwell.core.ParsedDocument;
import io.ragwell.core.SentenceVectors;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.Text;
import io.ragwell.core.UnprocessableDocumentException;
import io.ragwell.core.VectorStore;
import io.ragwell.embed.EmbeddingProperties;
import io.ragwell.ingest.IngestResult.Status;
import io.ragwell.ingest.chunk.Chunker;
import io.ragwell.llm.extractive.SentenceSplitter;
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

	private final DocumentParser parser;

	private final AssetStore assets;

	private final FileProperties files;

	private final ImageCaptioner captioner;

	/** {@code ragwell.embedding.sentence-vectors}: chunks carry their sentences' vectors pooled at ingestion. */
	private final boolean sentenceVectors;

	public IngestService(Chunker chunker, Embedder embedder, VectorStore store, LimitsProperties properties,
			ResponseCache cache, MeterRegistry registry, DocumentParser parser, AssetStore assets,
			FileProperties files, ImageCaptioner captioner, EmbeddingProperties embedding) {
		this.parser = parser;
		// Only an embedder that pools spans gives them (an empty call answers null otherwise, at no cost): with
		// another one, chunks stored without sentence vectors are reused as before instead of re-embedded for
		// vectors that would never come.
		this.sentenceVectors = embedding.sentenceVectors()
				&& embedder.embedBatchWithSpans(List.of(), List.of()) != null;
		this.captioner = captioner;
		this.assets = assets;
		this.files = files;
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
		return metered(() -> {
			try (DocumentLocks.Held held = this.locks.lockAll(namespace,
					documents.stream().map(Validated::id).toList())) {
				return ingestLocked(namespace, documents);
			}
		});
	}

	/** Counts each outcome by status, and a failure by its kind, for the JSON and the file route alike. */
	private List<IngestResult> metered(Supplier<List<IngestResult>> ingestion) {
		try {
			List<IngestResult> results = ingestion.get();
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

	/**
	 * Validates a request as {@link #ingest} would, without writing anything, and returns its documents one by
	 * one with every id assigned. A background job stores these: its documents keep the ids they were accepted
	 * with, so a job resumed after a crash replaces the documents it already wrote (reported {@code unchanged})
	 * instead of writing them again under new generated ids.
	 * @param input one document or a batch
	 * @return the documents in request order, each with its id and without {@code documents}
	 * @throws InvalidRequestException when {@link #ingest} would refuse the request before writing
	 */
	public List<DocumentInput> prepare(DocumentInput input) {
		List<DocumentInput> inputs = (input.documents() != null) ? input.documents() : List.of(input);
		List<Validated> documents = validate(input, inputs, null);
		List<DocumentInput> prepared = new ArrayList<>(documents.size());
		for (int i = 0; i < documents.size(); i++) {
			DocumentInput original = Objects.requireNonNull(inputs.get(i));
			prepared.add(new DocumentInput(documents.get(i).id(), original.content(), original.metadata(),
					original.source(), null));
		}
		return prepared;
	}

	/**
	 * Ingests one file as one document: parse it (text by page and section, images through OCR), then the same
	 * pipeline as {@link #ingest}. Re-ingesting the same bytes with the same metadata and source is
	 * {@code unchanged} without parsing again. Nothing is written unless the whole file was read.
	 * @param namespace tenant partition
	 * @param input the file and what the caller says about it
	 * @return the outcome, as for a JSON document
	 * @throws io.ragwell.core.UnsupportedDocumentTypeException 415: a type Ragwell does not read
	 * @throws UnprocessableDocumentException 422: encrypted, corrupt, no text, or OCR unavailable for an image
	 * @throws DocumentTooLargeException 413: the file or its text over {@code ragwell.limits.*}
	 */
	public IngestResult ingestFile(String namespace, FileInput input) {
		return ingestFiles(namespace, List.of(input)).getFirst();
	}

	/**
	 * Ingests several files, all or nothing as a JSON batch is: every file is read before anything is written,
	 * and a file that cannot be read rejects the request. Their extracted text counts against
	 * {@code ragwell.limits.max-extracted-chars} together, so a request's memory is bounded whatever its files.
	 * @param namespace tenant partition
	 * @param inputs the files, at most {@code ragwell.limits.max-batch-documents}
	 * @return the outcomes, in request order
	 */
	public List<IngestResult> ingestFiles(String namespace, List<FileInput> inputs) {
		return metered(() -> ingestFilesUnmetered(namespace, inputs));
	}

	private List<IngestResult> ingestFilesUnmetered(String namespace, List<FileInput> inputs) {
		if (inputs.isEmpty()) {
			throw new InvalidRequestException("invalid-request", "file", "send at least one file");
		}
		if (inputs.size() > this.properties.maxBatchDocuments()) {
			throw new InvalidRequestException("invalid-request", "file", "a request holds at most "
					+ this.properties.maxBatchDocuments() + " files, got " + inputs.size());
		}
		// 1. Validate what the caller says about every file before reading any.
		List<Validated> callers = new ArrayList<>(inputs.size());
		Set<String> ids = new HashSet<>();
		for (FileInput input : inputs) {
			Validated caller = validateFileFields(input.id(), input.metadata(), input.source(), input.filename());
			if (!ids.add(caller.id())) {
				throw new InvalidRequestException("invalid-request", "id",
						"document id '" + caller.id() + "' appears twice in the request");
			}
			callers.add(caller);
		}
		// 2. Read every file: same bytes, metadata and source as stored is unchanged without parsing again.
		long budget = this.properties.maxExtractedChars();
		IngestResult[] results = new IngestResult[inputs.size()];
		List<Validated> toWrite = new ArrayList<>();
		List<Integer> toWriteIndex = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			FileInput input = inputs.get(i);
			Validated caller = callers.get(i);
			long size = fileSize(input);
			long maxBytes = this.properties.maxFileBytes().toBytes();
			if (size > maxBytes) {
				throw new DocumentTooLargeException("the file has " + size + " bytes; at most " + maxBytes
						+ " are accepted (ragwell.limits.max-file-bytes)");
			}
			String fileHash = FileDocuments.sha256(input.path());
			StoredDocument existing = this.store.findDocument(namespace, caller.id()).orElse(null);
			if (existing != null && FileDocuments.sameFile(existing.document(), fileHash, caller.metadata(),
					caller.source())) {
				results[i] = new IngestResult(caller.id(), existing.chunks().size(), Status.UNCHANGED.wire(), 0);
				continue;
			}
			if (budget < 1) {
				throw new DocumentTooLargeException("the files hold more than " + this.properties.maxExtractedChars()
						+ " characters of text together (ragwell.limits.max-extracted-chars)");
			}
			ParsedDocument parsed;
			try (InputStream in = Files.newInputStream(input.path())) {
				parsed = this.parser.parse(in, input.contentType(), input.filename(), parseLimits(budget));
			}
			catch (IOException ex) {
				throw new UnprocessableDocumentException("the file could not be read", ex);
			}
			FileDocuments.Layout layout = FileDocuments.layout(captioned(parsed), caller.id());
			budget -= layout.content().length();
			if (layout.content().length() > this.properties.maxDocumentChars()) {
				throw new DocumentTooLargeException("the file holds " + layout.content().length()
						+ " characters of text; at most " + this.properties.maxDocumentChars()
						+ " are accepted (ragwell.limits.max-document-chars)");
			}
			Map<String, Object> metadata = FileDocuments.metadata(parsed, fileHash, caller.metadata(),
					this.properties.maxMetadataBytes().toBytes(), this.properties.maxMetadataEntries());
			toWrite.add(new Validated(caller.id(), layout.content(), metadata, caller.source(), layout));
			toWriteIndex.add(i);
		}
		// 3. Write the changed ones as one batch.
		if (!toWrite.isEmpty()) {
			try (DocumentLocks.Held held = this.locks.lockAll(namespace, toWrite.stream().map(Validated::id).toList())) {
				List<IngestResult> written = ingestLocked(namespace, toWrite);
				for (int k = 0; k < written.size(); k++) {
					results[toWriteIndex.get(k)] = written.get(k);
				}
			}
		}
		return List.of(results);
	}

	/**
	 * With a vision model configured, each kept image also gets a short description, as an image segment right
	 * after its OCR text. Captions are optional: a failed one is logged and left out, never failing the file.
	 */
	private ParsedDocument captioned(ParsedDocument parsed) {
		if (!this.captioner.enabled() || parsed.images().isEmpty()) {
			return parsed;
		}
		List<ParsedDocument.Segment> segments = new ArrayList<>();
		Set<Integer> described = new HashSet<>();
		for (ParsedDocument.Segment segment : parsed.segments()) {
			segments.add(segment);
			Integer image = segment.image();
			if (image != null && described.add(image)) {
				ParsedDocument.Image bytes = parsed.images().get(image - 1);
				try {
					String caption = this.captioner.caption(bytes.bytes(), bytes.contentType());
					if (!caption.isBlank()) {
						segments.add(new ParsedDocument.Segment(caption, segment.page(), segment.section(),
								ParsedDocument.Modality.IMAGE, image));
					}
				}
				catch (RuntimeException ex) {
					RagMetrics.error(this.registry, "caption", ex);
					log.warn("image caption failed, image {} kept without one: {}", image, ex.getClass().getSimpleName());
				}
			}
		}
		return new ParsedDocument(parsed.contentType(), segments, parsed.metadata(), parsed.images());
	}

	private ParseLimits parseLimits(long maxChars) {
		return new ParseLimits(maxChars, this.files.parseTimeout(), this.files.maxImages(),
				this.files.maxImageBytes().toBytes(), this.files.maxImagePixels(),
				this.files.maxKeptImageBytes().toBytes());
	}

	private static long fileSize(FileInput input) {
		try {
			return Files.size(input.path());
		}
		catch (IOException ex) {
			throw new UnprocessableDocumentException("the file could not be read", ex);
		}
	}

	public DocumentView get(String namespace, String id) {
		StoredDocument stored = this.store.findDocument(namespace, id)
			.orElseThrow(() -> new NotFoundException("document '" + id + "' does not exist"));
		Document doc = stored.document();
		return new DocumentView(doc.id(), doc.content(), doc.metadata(), doc.source(), doc.createdAt(),
				doc.updatedAt(), stored.chunks().size());
	}

	/** The most documents one page of {@link #list} returns: a page's cost must not depend on the caller. */
	public static final int MAX_PAGE_SIZE = 100;

	/**
	 * A page of the namespace's documents in id order.
	 * @param after the {@code next} of the previous page, or {@code null}
	 * @param limit 1 to {@link #MAX_PAGE_SIZE}
	 */
	public DocumentPage list(String namespace, @Nullable String after, int limit) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("invalid-request", "limit",
					"'limit' must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
		}
		if (after != null && after.length() > 256) {
			throw new InvalidRequestException("invalid-request", "after", "'after' must be a document id");
		}
		return this.store.listDocuments(namespace, after, limit);
	}

	public void delete(String namespace, String id) {
		try (DocumentLocks.Held held = this.locks.lockAll(namespace, List.of(id))) {
			if (!this.store.delete(namespace, id)) {
				throw new NotFoundException("document '" + id + "' does not exist");
			}
			this.assets.delete(namespace, id);
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
		Map<String, EmbeddedText> embedded = embed(toEmbed);
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
				EmbeddedChunk old = plan.reused().get(chunk.contentHash());
				if (old != null) {
					// The same text: its vectors, sentence vectors included, are still its own.
					chunks.add(new EmbeddedChunk(chunk.withSentenceVectors(old.chunk().sentenceVectors()),
							old.vector()));
				}
				else {
					EmbeddedText text = Objects.requireNonNull(embedded.get(chunk.content()));
					chunks.add(new EmbeddedChunk(chunk.withSentenceVectors(text.sentences()), text.vector()));
				}
			}
			upserts.add(new VectorStore.Upsert(plan.document(), chunks));
			results.add(new IngestResult(plan.document().id(), chunks.size(), plan.status().wire(),
					plan.missing().size()));
		}
		if (!upserts.isEmpty()) {
			// Images first: a chunk that points at its asset is never visible before the asset is.
			for (Plan plan : plans) {
				if (plan.status() != Status.UNCHANGED && plan.images() != null) {
					this.assets.replace(namespace, plan.document().id(), plan.images());
				}
			}
			this.store.upsertAll(upserts);
			for (Plan plan : plans) {
				if (plan.status() != Status.UNCHANGED && plan.images() == null) {
					// A file re-posted as text keeps no images.
					this.assets.delete(namespace, plan.document().id());
				}
			}
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
					existing.chunks().stream().map(EmbeddedChunk::chunk).toList(), Map.of(), List.of(), null);
		}
		Instant created = (existing != null) ? existing.document().createdAt() : now;
		Document document = new Document(input.id(), namespace, input.content(), input.metadata(), input.source(),
				created, now);
		List<Chunk> chunks = (input.layout() != null) ? FileDocuments.chunk(this.chunker, document, input.layout())
				: this.chunker.chunk(document);
		if (chunks.isEmpty()) {
			throw new InvalidRequestException("invalid-document", "content",
					"document '" + input.id() + "' has no text to index");
		}
		Map<String, EmbeddedChunk> reused = new HashMap<>();
		if (existing != null) {
			// A chunk stored without sentence vectors (ingested before they were on) is embedded again to get
			// them, unless the store would not keep them anyway.
			boolean needSentences = this.sentenceVectors && this.store.keepsSentenceVectors();
			for (EmbeddedChunk old : existing.chunks()) {
				if (!needSentences || old.chunk().sentenceVectors() != null) {
					reused.put(old.chunk().contentHash(), old);
				}
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
		return new Plan(document, (existing != null) ? Status.UPDATED : Status.CREATED, chunks, reused, missing,
				(input.layout() != null) ? input.layout().images() : null);
	}

	/**
	 * Embeds the distinct {@code texts} in one call; with sentence vectors on, from the same model calls, each
	 * text's sentences' vectors over the spans the extractive answerer splits it into (an embedder that cannot pool
	 * spans gives none, and the answerer embeds those sentences when it reads them).
	 */
	private Map<String, EmbeddedText> embed(List<String> texts) {
		if (texts.isEmpty()) {
			return Map.of();
		}
		List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(texts));
		Map<String, EmbeddedText> embedded = new HashMap<>();
		if (this.sentenceVectors) {
			List<int[]> spans = distinct.stream().map(SentenceSplitter::spans).toList();
			List<Embedder.WithSpans> results = this.embedder.embedBatchWithSpans(distinct, spans);
			if (results != null) {
				for (int i = 0; i < distinct.size(); i++) {
					Embedder.WithSpans result = results.get(i);
					embedded.put(distinct.get(i), new EmbeddedText(result.vector(),
							SentenceVectors.of(spans.get(i), result.spans(), result.vector().length)));
				}
				return embedded;
			}
		}
		List<float[]> vectors = this.embedder.embedBatch(distinct);
		for (int i = 0; i < distinct.size(); i++) {
			embedded.put(distinct.get(i), new EmbeddedText(vectors.get(i), null));
		}
		return embedded;
	}

	/** A chunk text's vector and, when on and available, its sentences' vectors. */
	private record EmbeddedText(float[] vector, @Nullable SentenceVectors sentences) {
	}

	private static boolean sameAs(Document stored, Validated input) {
		return stored.content().equals(input.content()) && stored.metadata().equals(input.metadata())
				&& Objects.equals(stored.source(), input.source());
	}

	/**
	 * Checks what a caller says about a file (its id, metadata and source) as {@link #ingestFiles} does before
	 * reading it, without reading it: an asynchronous upload is refused with the same 400 now rather than
	 * accepted and failed later.
	 * @throws InvalidRequestException when a synchronous upload would have been refused for these fields
	 */
	public void checkFileFields(@Nullable String id, @Nullable Map<String, Object> metadata, @Nullable String source,
			@Nullable String filename) {
		validateFileFields(id, metadata, source, filename);
	}

	private Validated validateFileFields(@Nullable String id, @Nullable Map<String, Object> metadata,
			@Nullable String source, @Nullable String filename) {
		String fallbackSource = (filename != null && !filename.isBlank()) ? filename : null;
		// Validated as a JSON document would be (id, metadata, source); the text comes from the parse.
		DocumentInput probe = new DocumentInput(id, "-", metadata, (source != null) ? source : fallbackSource, null);
		return validate(probe, List.of(probe), null).getFirst();
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
			documents.add(new Validated(id, content, metadata, source, null));
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

	/** A validated document; {@code layout} is set for a file, whose chunks follow its pages and sections. */
	private record Validated(String id, String content, Map<String, Object> metadata, @Nullable String source,
			FileDocuments.@Nullable Layout layout) {
	}

	/** {@code images}: a file's images to keep (possibly none); null for a JSON document, which keeps none. */
	private record Plan(Document document, Status status, List<Chunk> chunks, Map<String, EmbeddedChunk> reused,
			List<String> missing, @Nullable List<ParsedDocument.Image> images) {
	}

}
