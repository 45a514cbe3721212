package io.ragwell.store.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.DocumentPage;
import io.ragwell.core.EmbeddedChunk;
import io.ragwell.core.Health;
import io.ragwell.core.HybridFusion;
import io.ragwell.core.SearchRequest;
import io.ragwell.core.SearchResult;
import io.ragwell.core.SentenceVectors;
import io.ragwell.core.StoredDocument;
import io.ragwell.core.VectorStore;
import io.ragwell.rank.Fused;
import io.ragwell.rank.Fusions;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.rank.Scored;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues.DocIndexIterator;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.join.BitSetProducer;
import org.apache.lucene.search.join.QueryBitSetProducer;
import org.apache.lucene.search.join.ToChildBlockJoinQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BitSet;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded vector store: one Lucene index on the local file system holding, per document, one block of
 * Lucene documents: a document per chunk (text for BM25, an HNSW vector, stored fields), then the document
 * record (content, and the metadata, stored and indexed for filtering).
 *
 * <p>Metadata lives on the record alone, so a document's cost in the index grows with its chunks plus its
 * metadata, never with their product; filters select records and a block join maps them to their chunks.
 * BM25 terms are indexed per namespace ({@link LuceneFields#sparse(String)}), so one tenant's data never moves
 * another tenant's sparse scores. An index written in the earlier layout is rewritten in this one on open.
 *
 * <p>Writes are atomic per document ({@link IndexWriter#updateDocuments(Term, Iterable)} on a
 * per-(namespace, document) key), durable on return (committed; concurrent writers share commits) and
 * visible to searches on return (the searcher is refreshed before returning). Thread-safe.
 */
public final class LuceneVectorStore implements VectorStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LuceneVectorStore.class);

	// Documents rewritten per commit while migrating an old layout: enough to amortise the fsync, few enough
	// that the documents read back (with their vectors) stay a few megabytes.
	private static final int MIGRATION_SLICE = 64;

	private static final TypeReference<Map<String, Object>> METADATA_TYPE = new TypeReference<>() {
	};

	// A few hundred distinct terms already make a query as specific as BM25 can use; the cap keeps
	// pasted documents clear of BooleanQuery's clause limit.
	private static final int MAX_QUERY_TERMS = 512;

	private final Path path;

	/**
	 * Commit user data key holding the embedding model the index's vectors came from: both in-process models
	 * are 384-dimensional, so the dimension check alone would let a model switch mix two embedding spaces.
	 */
	public static final String MODEL_KEY = "ragwell.embedding.model";

	private final int dimensions;

	private final @Nullable String model;

	private final int rrfK;

	/** Lucene's BM25 defaults. */
	public static final float DEFAULT_BM25_K1 = 1.2f;

	public static final float DEFAULT_BM25_B = 0.75f;

	private final Analyzer analyzer = new EnglishAnalyzer();

	// Whole numbers read back as Long (and fractions as Double), the number types MetadataFilter uses,
	// whatever size they had when written.
	private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

	private final FSDirectory directory;

	private final IndexWriter writer;

	private final SearcherManager searcherManager;

	private final ReentrantLock commitLock = new ReentrantLock();

	/** Highest writer sequence number known to be committed; guarded by {@link #commitLock}. */
	private long durableSeqNo = -1;

	private final AtomicLong commits = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** The document records: the parents of the block join, cached per segment. */
	private final BitSetProducer records = new QueryBitSetProducer(
			new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT)));

	/**
	 * Opens (or creates) the index with {@link ReciprocalRankFusion#DEFAULT_K} for hybrid search.
	 * @param path index directory; created with its parents when missing
	 * @param dimensions length of every vector the embedder produces
	 */
	public LuceneVectorStore(Path path, int dimensions) {
		this(path, dimensions, ReciprocalRankFusion.DEFAULT_K);
	}

	/**
	 * Opens (or creates) the index.
	 * @param path index directory; created with its parents when missing
	 * @param dimensions length of every vector the embedder produces; an index already holding vectors of
	 * another length is refused
	 * @param rrfK the reciprocal rank fusion constant of a hybrid request that describes no fusion, 1 or more
	 * @throws IllegalStateException when the index holds vectors of another dimension
	 * @throws UncheckedIOException when the directory cannot be created or opened (for example, another
	 * process holds its write lock)
	 */
	public LuceneVectorStore(Path path, int dimensions, int rrfK) {
		this(path, dimensions, null, rrfK);
	}

	/**
	 * Opens (or creates) the index and records the embedding model in every commit.
	 * @param path index directory; created with its parents when missing
	 * @param dimensions length of every vector the embedder produces; an index already holding vectors of
	 * another length is refused
	 * @param model name of the embedding model, recorded in the index; an index recorded with another model is
	 * refused, one with none recorded (built before the name was kept) is accepted and stamped with this one;
	 * null checks and records nothing
	 * @param rrfK the reciprocal rank fusion constant of a hybrid request that describes no fusion, 1 or more
	 * @throws IllegalStateException when the index holds vectors of another dimension or another model
	 * @throws UncheckedIOException when the directory cannot be created or opened (for example, another
	 * process holds its write lock)
	 */
	public LuceneVectorStore(Path path, int dimensions, @Nullable String model, int rrfK) {
		this(path, dimensions, model, rrfK, VectorEncoding.FLOAT32);
	}

	/**
	 * Opens (or creates) the index, records the embedding model, and writes new segments' vectors with
	 * {@code encoding}; see {@link #LuceneVectorStore(Path, int, String, int)}.
	 * @param encoding how new segments hold vectors; existing segments keep theirs until they merge
	 */
	public LuceneVectorStore(Path path, int dimensions, @Nullable String model, int rrfK, VectorEncoding encoding) {
		this(path, dimensions, model, rrfK, encoding, DEFAULT_BM25_K1, DEFAULT_BM25_B);
	}

	/**
	 * Opens (or creates) the index, as {@link #LuceneVectorStore(Path, int, String, int, VectorEncoding)}, with
	 * the sparse search scored by BM25 with {@code k1} and {@code b}. They apply to searches alone (the norms
	 * Lucene writes do not depend on them), so an index opened with other values ranks by the new ones at once.
	 * @param k1 BM25 term frequency saturation, 0 to 10
	 * @param b BM25 length normalisation, 0 to 1
	 */
	public LuceneVectorStore(Path path, int dimensions, @Nullable String model, int rrfK, VectorEncoding encoding,
			float k1, float b) {
		if (!(k1 >= 0 && k1 <= 10) || !(b >= 0 && b <= 1)) {
			throw new IllegalArgumentException("BM25 k1 must be 0 to 10 and b 0 to 1, were " + k1 + " and " + b);
		}
		if (dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be >= 1, was " + dimensions);
		}
		if (rrfK < 1) {
			throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
		}
		this.path = path.toAbsolutePath().normalize();
		this.dimensions = dimensions;
		this.model = model;
		this.rrfK = rrfK;
		FSDirectory openedDirectory = null;
		IndexWriter openedWriter = null;
		SearcherManager openedManager = null;
		int legacy;
		try {
			Files.createDirectories(this.path);
			openedDirectory = FSDirectory.open(this.path);
			Similarity similarity = new BM25Similarity(k1, b);
			IndexWriterConfig config = new IndexWriterConfig(this.analyzer).setOpenMode(OpenMode.CREATE_OR_APPEND)
				.setSimilarity(similarity);
			if (encoding != VectorEncoding.FLOAT32) {
				KnnVectorsFormat vectorsFormat = encoding.format();
				// The default codec with only the vectors' format chosen: segments record the format per
				// field, so readers need nothing but Lucene's own codecs whatever was configured.
				config.setCodec(new Lucene104Codec() {
					@Override
					public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
						return vectorsFormat;
					}
				});
			}
			openedWriter = new IndexWriter(openedDirectory, config);
			openedManager = new SearcherManager(openedWriter, new SearcherFactory() {
				@Override
				public IndexSearcher newSearcher(IndexReader reader, @Nullable IndexReader previousReader) {
					IndexSearcher searcher = new IndexSearcher(reader);
					searcher.setSimilarity(similarity);
					return searcher;
				}
			});
			checkDimensions(openedManager);
			legacy = recordCommitData(openedDirectory, openedWriter, openedManager);
		}
		catch (IOException | RuntimeException ex) {
			throw closeAfterFailure(ex, openedManager, openedWriter, openedDirectory);
		}
		this.directory = openedDirectory;
		this.writer = openedWriter;
		this.searcherManager = openedManager;
		if (legacy != 0) {
			try {
				migrate(legacy == LuceneFields.LAYOUT_2);
			}
			catch (IOException | RuntimeException ex) {
				throw closeAfterFailure(ex, openedManager, openedWriter, openedDirectory);
			}
		}
	}

	private RuntimeException closeAfterFailure(Exception ex, @Nullable Closeable... resources) {
		IOUtils.closeWhileHandlingException(resources);
		if (ex instanceof IOException io) {
			return new UncheckedIOException("cannot open the Lucene index at " + this.path, io);
		}
		return (RuntimeException) ex;
	}

	private void checkDimensions(SearcherManager manager) throws IOException {
		IndexSearcher searcher = manager.acquire();
		try {
			FieldInfo vectorField = FieldInfos.getMergedFieldInfos(searcher.getIndexReader())
				.fieldInfo(LuceneFields.VECTOR);
			if (vectorField != null && vectorField.getVectorDimension() > 0
					&& vectorField.getVectorDimension() != this.dimensions) {
				throw new IllegalStateException("The index at " + this.path + " holds "
						+ vectorField.getVectorDimension() + "-dimensional vectors but the configured embedder produces "
						+ this.dimensions + "-dimensional ones: re-index the documents with this embedder into a new"
						+ " index, or change ragwell.store.lucene.path (or the embedding model) to match");
			}
		}
		finally {
			manager.release(searcher);
		}
	}

	/**
	 * Checks the model and layout recorded in the last commit and makes every later commit record this store's.
	 * @return the layout to migrate from before use (1 or 2), or 0 for none; commits keep recording the old layout
	 * (none for layout 1) until the migration is complete
	 */
	private int recordCommitData(FSDirectory directory, IndexWriter writer, SearcherManager manager)
			throws IOException {
		boolean exists = DirectoryReader.indexExists(directory);
		Map<String, String> userData = new HashMap<>();
		if (exists) {
			userData.putAll(SegmentInfos.readLatestCommit(directory).getUserData());
		}
		String recorded = userData.get(MODEL_KEY);
		if (this.model != null && recorded != null && !recorded.equals(this.model)) {
			throw new IllegalStateException("The index at " + this.path + " was built with the embedding model '"
					+ recorded + "' but the configured model is '" + this.model + "': both may produce vectors of the"
					+ " same length, but they are not comparable. Re-index the documents with this model into a new"
					+ " index, or change ragwell.store.lucene.path (or ragwell.embedding.model) to match");
		}
		String layout = userData.get(LuceneFields.LAYOUT_KEY);
		if (layout != null && !layout.equals(Integer.toString(LuceneFields.LAYOUT))
				&& !layout.equals(Integer.toString(LuceneFields.LAYOUT_2))) {
			throw new IllegalStateException("The index at " + this.path + " has layout " + layout + ", which this"
					+ " version of Ragwell cannot read (it reads layout " + LuceneFields.LAYOUT + "): it was written by"
					+ " a newer version. Run that version, or change ragwell.store.lucene.path to a new index");
		}
		boolean legacy = layout == null && exists && countAll(manager) > 0;
		boolean layout2 = Integer.toString(LuceneFields.LAYOUT_2).equals(layout);
		boolean changed = false;
		if (this.model != null && recorded == null) {
			userData.put(MODEL_KEY, this.model);
			changed = exists;
		}
		if (!legacy && layout == null) {
			userData.put(LuceneFields.LAYOUT_KEY, Integer.toString(LuceneFields.LAYOUT));
			changed = exists;
		}
		// The live commit data goes into every commit from now on. An existing index that lacks a key is stamped
		// at once (the version bump makes the commit happen); a new one with its first write.
		writer.setLiveCommitData(userData.entrySet(), changed);
		if (changed) {
			writer.commit();
		}
		return legacy ? 1 : layout2 ? LuceneFields.LAYOUT_2 : 0;
	}

	private static int countAll(SearcherManager manager) throws IOException {
		IndexSearcher searcher = manager.acquire();
		try {
			return searcher.getIndexReader().numDocs();
		}
		finally {
			manager.release(searcher);
		}
	}

	/**
	 * Rewrites a layout 1 index in this layout, reading every document back with its chunks and vectors (nothing
	 * is embedded again) and replacing it under its key, a slice of documents per commit. Idempotent: a process
	 * stopped midway leaves the layout unrecorded, and the next start rewrites every document again.
	 * @param filesOnly rewrite only file documents (from layout 2, where only their chunks' own keys are missing)
	 */
	private void migrate(boolean filesOnly) throws IOException {
		List<String[]> documents = new ArrayList<>();
		withSearcher(searcher -> {
			Term recordTerm = new Term(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT);
			for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
				DocIdSetIterator postings = filesOnly ? filesIn(leaf) : leaf.reader().postings(recordTerm);
				if (postings == null) {
					continue;
				}
				Bits live = leaf.reader().getLiveDocs();
				StoredFields stored = leaf.reader().storedFields();
				for (int doc = postings.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = postings.nextDoc()) {
					if (live == null || live.get(doc)) {
						var record = stored.document(doc, Set.of(LuceneFields.NAMESPACE, LuceneFields.DOCUMENT_ID));
						documents.add(new String[] { record.get(LuceneFields.NAMESPACE),
								record.get(LuceneFields.DOCUMENT_ID) });
					}
				}
			}
			return documents;
		});
		log.info("rewriting the Lucene index at {} in layout {}: {} documents", this.path, LuceneFields.LAYOUT,
				documents.size());
		for (int from = 0; from < documents.size(); from += MIGRATION_SLICE) {
			List<Upsert> slice = new ArrayList<>(MIGRATION_SLICE);
			for (String[] document : documents.subList(from, Math.min(from + MIGRATION_SLICE, documents.size()))) {
				findDocument(document[0], document[1])
					.ifPresent(stored -> slice.add(new Upsert(stored.document(), stored.chunks())));
			}
			upsertAll(slice);
		}
		Map<String, String> userData = new HashMap<>();
		this.writer.getLiveCommitData().forEach(entry -> userData.put(entry.getKey(), entry.getValue()));
		userData.put(LuceneFields.LAYOUT_KEY, Integer.toString(LuceneFields.LAYOUT));
		this.writer.setLiveCommitData(userData.entrySet(), true);
		this.writer.commit();
		this.searcherManager.maybeRefreshBlocking();
		log.info("rewrote the Lucene index at {} in layout {}", this.path, LuceneFields.LAYOUT);
	}

	/** The records in {@code leaf} with a file hash: every file document, whatever its hash. */
	private static @Nullable DocIdSetIterator filesIn(LeafReaderContext leaf) throws IOException {
		Terms terms = leaf.reader().terms(LuceneFields.metadataString(LuceneFields.FILE_KEY));
		if (terms == null) {
			return null;
		}
		org.apache.lucene.util.FixedBitSet docs = new org.apache.lucene.util.FixedBitSet(leaf.reader().maxDoc());
		TermsEnum values = terms.iterator();
		PostingsEnum postings = null;
		while (values.next() != null) {
			postings = values.postings(postings, PostingsEnum.NONE);
			docs.or(postings);
		}
		return new org.apache.lucene.util.BitSetIterator(docs, docs.cardinality());
	}

	@Override
	public void upsertChunks(Document document, List<EmbeddedChunk> chunks) {
		upsertAll(List.of(new Upsert(document, chunks)));
	}

	/**
	 * Each document is replaced atomically; the whole batch shares one commit and one refresh. Lucene documents
	 * are built as the writer consumes them, one chunk at a time, so the request's chunks are never held a
	 * second time as Lucene fields.
	 */
	@Override
	public void upsertAll(List<Upsert> upserts) {
		// Check every chunk first: a bad chunk rejects the batch before anything is written.
		for (Upsert upsert : upserts) {
			for (EmbeddedChunk embedded : upsert.chunks()) {
				check(upsert.document(), embedded);
			}
		}
		if (upserts.isEmpty()) {
			return;
		}
		try {
			long seqNo = -1;
			for (Upsert upsert : upserts) {
				Document document = upsert.document();
				Term key = new Term(LuceneFields.KEY, LuceneFields.key(document.namespace(), document.id()));
				seqNo = Math.max(seqNo, this.writer.updateDocuments(key, block(document, upsert.chunks(), key.text())));
			}
			makeDurableAndVisible(seqNo);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + upserts.size() + " document(s)", ex);
		}
	}

	/**
	 * The document's block, built lazily: its chunks, then its record, last, where a block join looks for the
	 * parent of the documents before it.
	 */
	private Iterable<List<IndexableField>> block(Document document, List<EmbeddedChunk> chunks, String key) {
		return () -> new Iterator<>() {

			private int next;

			@Override
			public boolean hasNext() {
				return this.next <= chunks.size();
			}

			@Override
			public List<IndexableField> next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int index = this.next++;
				return (index < chunks.size()) ? chunkDoc(document, chunks.get(index), key)
						: documentRecord(document, key);
			}

		};
	}

	/**
	 * Group commit: a commit fsyncs, so while one thread commits the others queue on the lock, and the
	 * first of them to get it commits everything written meanwhile; the rest find their write already
	 * covered and skip their own commit.
	 */
	private void makeDurableAndVisible(long seqNo) throws IOException {
		this.commitLock.lock();
		try {
			if (this.durableSeqNo < seqNo) {
				// Every operation completed before commit() starts is in the commit, and commit() returns
				// the sequence number up to which that holds.
				long committed = this.writer.commit();
				this.commits.incrementAndGet();
				this.durableSeqNo = Math.max(this.durableSeqNo, committed);
			}
		}
		finally {
			this.commitLock.unlock();
		}
		// Blocks until a refresh that started after our write completes, so the write is searchable on return.
		this.searcherManager.maybeRefreshBlocking();
	}

	private List<IndexableField> documentRecord(Document document, String key) {
		List<IndexableField> fields = new ArrayList<>();
		fields.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT, Store.YES));
		fields.add(new StringField(LuceneFields.KEY, key, Store.NO));
		fields.add(new StringField(LuceneFields.NAMESPACE, document.namespace(), Store.YES));
		fields.add(new StringField(LuceneFields.DOCUMENT_ID, document.id(), Store.YES));
		if (document.source() != null) {
			// Indexed like the chunks' source: Lucene requires one schema per field name.
			fields.add(new StringField(LuceneFields.SOURCE, document.source(), Store.YES));
		}
		fields.add(new StoredField(LuceneFields.DOCUMENT_CONTENT, document.content()));
		// Stored and indexed here alone: the chunks inherit the metadata unchanged, and the join in scope() filters
		// them by their record's.
		fields.add(new StoredField(LuceneFields.METADATA, this.json.writeValueAsString(document.metadata())));
		document.metadata().forEach((name, value) -> addMetadata(fields, name, value));
		fields.add(new StoredField(LuceneFields.CREATED_AT, document.createdAt().toString()));
		fields.add(new StoredField(LuceneFields.UPDATED_AT, document.updatedAt().toString()));
		return fields;
	}

	private void check(Document document, EmbeddedChunk embedded) {
		Chunk chunk = embedded.chunk();
		embedded.checkFor(document, this.dimensions);
		// Usually the very same map: the chunker hands every chunk its document's. A file's chunks add keys of their
		// own (page, section), kept per chunk; they may not redefine the document's, which are kept once.
		if (chunk.metadata() != document.metadata()) {
			document.metadata().forEach((key, value) -> {
				if (!value.equals(chunk.metadata().get(key))) {
					throw new IllegalArgumentException("chunk '" + chunk.id() + "' has metadata other than its"
							+ " document's for '" + key + "': chunks inherit their document's metadata, which this"
							+ " store keeps once per document");
				}
			});
		}
	}

	private List<IndexableField> chunkDoc(Document document, EmbeddedChunk embedded, String key) {
		Chunk chunk = embedded.chunk();
		List<IndexableField> fields = new ArrayList<>();
		fields.add(new StringField(LuceneFields.KIND, LuceneFields.KIND_CHUNK, Store.YES));
		fields.add(new StringField(LuceneFields.KEY, key, Store.NO));
		fields.add(new StringField(LuceneFields.NAMESPACE, document.namespace(), Store.YES));
		fields.add(new StringField(LuceneFields.ID, chunk.id(), Store.YES));
		// Searches fuse candidate lists by chunk id before they know which chunks they return: doc values give
		// the id without decompressing the stored-fields block.
		fields.add(new SortedDocValuesField(LuceneFields.ID_VALUE, new BytesRef(chunk.id())));
		fields.add(new StringField(LuceneFields.DOCUMENT_ID, chunk.documentId(), Store.YES));
		if (chunk.source() != null) {
			fields.add(new StringField(LuceneFields.SOURCE, chunk.source(), Store.YES));
		}
		fields.add(new StoredField(LuceneFields.CHUNK_TEXT, chunk.content()));
		fields.add(new TextField(LuceneFields.sparse(document.namespace()), chunk.content(), Store.NO));
		fields.add(new StoredField(LuceneFields.POSITION, chunk.position()));
		fields.add(new StoredField(LuceneFields.TOKEN_COUNT, chunk.tokenCount()));
		fields.add(new StoredField(LuceneFields.CONTENT_HASH, chunk.contentHash()));
		SentenceVectors sentenceVectors = chunk.sentenceVectors();
		if (sentenceVectors != null) {
			fields.add(new StoredField(LuceneFields.SENTENCE_VECTORS, sentenceVectors.toBytes()));
		}
		if (chunk.metadata() != document.metadata() && chunk.metadata().size() > document.metadata().size()) {
			Map<String, Object> own = new TreeMap<>(chunk.metadata());
			own.keySet().removeAll(document.metadata().keySet());
			fields.add(new StoredField(LuceneFields.CHUNK_METADATA, this.json.writeValueAsString(own)));
			// Indexed on the chunk under the same names as a record's metadata, so filters reach them.
			own.forEach((name, value) -> {
				fields.add(new StringField(LuceneFields.CHUNK_KEYS, name, Store.NO));
				addMetadata(fields, name, value);
			});
		}
		// Read back from the vector values by findDocument rather than stored a second time.
		fields.add(new KnnFloatVectorField(LuceneFields.VECTOR, embedded.vector(),
				VectorSimilarityFunction.DOT_PRODUCT));
		return fields;
	}

	private static void addMetadata(List<IndexableField> fields, String name, Object value) {
		if (value instanceof Collection<?> values) {
			for (Object element : values) {
				if (!(element instanceof Collection<?>)) {
					addMetadata(fields, name, element);
				}
			}
			return;
		}
		switch (value) {
			case String text -> {
				// Longer values cannot be a single term; they stay readable in the metadata JSON but unfilterable.
				if (text.getBytes(StandardCharsets.UTF_8).length <= IndexWriter.MAX_TERM_LENGTH) {
					fields.add(new StringField(LuceneFields.metadataString(name), text, Store.NO));
				}
			}
			case Boolean bool -> fields.add(new StringField(LuceneFields.metadataBoolean(name), bool.toString(), Store.NO));
			case Number number -> fields.add(new DoublePoint(LuceneFields.metadataNumber(name), number.doubleValue()));
			default -> {
				// Maps and other shapes are outside the metadata contract: kept in JSON, not filterable.
			}
		}
	}

	@Override
	public Optional<StoredDocument> findDocument(String namespace, String documentId) {
		return withSearcher(searcher -> {
			Query query = new TermQuery(new Term(LuceneFields.KEY, LuceneFields.key(namespace, documentId)));
			int count = searcher.count(query);
			if (count == 0) {
				return Optional.empty();
			}
			ScoreDoc[] hits = searcher.search(query, count).scoreDocs;
			// Vector iterators only move forward: visit hits in doc id order.
			int[] docIds = Arrays.stream(hits).mapToInt(hit -> hit.doc).sorted().toArray();
			StoredFields storedFields = searcher.storedFields();
			List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
			VectorReader vectors = new VectorReader(leaves);
			Document document = null;
			List<org.apache.lucene.document.Document> storedChunks = new ArrayList<>();
			List<float[]> chunkVectors = new ArrayList<>();
			for (int docId : docIds) {
				var stored = storedFields.document(docId);
				if (LuceneFields.KIND_DOCUMENT.equals(stored.get(LuceneFields.KIND))) {
					document = new Document(documentId, namespace, stored.get(LuceneFields.DOCUMENT_CONTENT),
							readMetadata(stored.get(LuceneFields.METADATA)), stored.get(LuceneFields.SOURCE),
							Instant.parse(stored.get(LuceneFields.CREATED_AT)),
							Instant.parse(stored.get(LuceneFields.UPDATED_AT)));
				}
				else {
					storedChunks.add(stored);
					chunkVectors.add(vectors.read(docId));
				}
			}
			if (document == null) {
				return Optional.empty();
			}
			// The record comes last in the block: the chunks get its metadata once it has been read.
			List<EmbeddedChunk> chunks = new ArrayList<>(storedChunks.size());
			for (int i = 0; i < storedChunks.size(); i++) {
				chunks.add(new EmbeddedChunk(toChunk(storedChunks.get(i), withOwn(storedChunks.get(i),
						document.metadata())), chunkVectors.get(i)));
			}
			chunks.sort(Comparator.comparingInt(embedded -> embedded.chunk().position()));
			return Optional.of(new StoredDocument(document, chunks));
		});
	}

	/** Reads vectors of ascending doc ids, one forward-only iterator per segment. */
	private static final class VectorReader {

		private final List<LeafReaderContext> leaves;

		private final Map<Integer, LeafVectors> vectors = new LinkedHashMap<>();

		VectorReader(List<LeafReaderContext> leaves) {
			this.leaves = leaves;
		}

		float[] read(int docId) throws IOException {
			LeafReaderContext leaf = this.leaves.get(ReaderUtil.subIndex(docId, this.leaves));
			LeafVectors leafVectors = this.vectors.get(leaf.ord);
			if (leafVectors == null) {
				FloatVectorValues leafValues = leaf.reader().getFloatVectorValues(LuceneFields.VECTOR);
				if (leafValues == null) {
					throw new IllegalStateException("chunk without a vector in segment " + leaf.ord);
				}
				leafVectors = new LeafVectors(leafValues, leafValues.iterator());
				this.vectors.put(leaf.ord, leafVectors);
			}
			DocIndexIterator iterator = leafVectors.iterator();
			int target = docId - leaf.docBase;
			int current = iterator.docID();
			if (current < target) {
				current = iterator.advance(target);
			}
			if (current != target) {
				throw new IllegalStateException("chunk without a vector: doc " + docId);
			}
			// The returned array may be a reused buffer.
			return leafVectors.values().vectorValue(iterator.index()).clone();
		}

		/** A segment's vectors and the one forward-only iterator over them. */
		private record LeafVectors(FloatVectorValues values, DocIndexIterator iterator) {
		}

	}

	@Override
	public List<SearchResult> search(SearchRequest request) {
		return withSearcher(searcher -> {
			Query scope = scope(searcher, request);
			return switch (request.mode()) {
				case DENSE -> load(searcher, dense(searcher, request, request.candidates(), scope), request.topK());
				case SPARSE -> load(searcher, sparse(searcher, request, request.candidates(), scope), request.topK());
				case HYBRID -> fused(searcher, request, request.fusion(this.rrfK), scope);
			};
		});
	}

	/**
	 * Both lists from one searcher (one consistent snapshot), fused by chunk id and score alone; stored fields
	 * are read for the fused top K only, since full chunks for every candidate would only be thrown away by the
	 * fusion.
	 */
	private List<SearchResult> fused(IndexSearcher searcher, SearchRequest request, HybridFusion fusion, Query scope)
			throws IOException {
		List<Hit> dense = dense(searcher, request, fusion.denseDepth(), scope);
		List<Hit> sparse = sparse(searcher, request, fusion.sparseDepth(), scope);
		Map<Integer, String> ids = chunkIds(searcher, dense, sparse);
		// The first Lucene doc seen for an id is the one the fusion keeps (it counts an id's first occurrence).
		Map<String, Integer> docById = new HashMap<>();
		List<Fused> fused = Fusions.fuseIds(fusion, scored(dense, ids, docById), scored(sparse, ids, docById),
				request.topK());
		int[] docIds = new int[fused.size()];
		for (int i = 0; i < docIds.length; i++) {
			Integer doc = docById.get(fused.get(i).id());
			if (doc == null) {
				throw new IllegalStateException("the fusion returned chunk '" + fused.get(i).id()
						+ "', which neither list held");
			}
			docIds[i] = doc;
		}
		Map<Integer, Chunk> chunks = loadChunks(searcher, docIds);
		List<SearchResult> results = new ArrayList<>(fused.size());
		for (int i = 0; i < docIds.length; i++) {
			Fused entry = fused.get(i);
			results.add(new SearchResult(loaded(chunks, docIds[i]), entry.score(), i + 1, entry.denseScore(),
					entry.sparseScore()));
		}
		return List.copyOf(results);
	}

	/** The hits as chunk ids and scores, remembering the first doc of each id. */
	private static List<Scored> scored(List<Hit> hits, Map<Integer, String> ids, Map<String, Integer> docById) {
		List<Scored> scored = new ArrayList<>(hits.size());
		for (Hit hit : hits) {
			String id = ids.get(hit.doc());
			if (id == null) {
				throw new IllegalStateException("no chunk id read for doc " + hit.doc());
			}
			docById.putIfAbsent(id, hit.doc());
			scored.add(new Scored(id, hit.score()));
		}
		return scored;
	}

	/**
	 * The chunk ids of the hits, from the id doc values; segments written before the doc values existed
	 * (or docs in merged segments that lack them) fall back to reading the stored id alone.
	 */
	private static Map<Integer, String> chunkIds(IndexSearcher searcher, List<Hit> dense, List<Hit> sparse)
			throws IOException {
		// Doc values iterate forward only: resolve in ascending doc id order.
		int[] docIds = Stream.of(dense, sparse)
			.flatMap(List::stream)
			.mapToInt(Hit::doc)
			.distinct()
			.sorted()
			.toArray();
		Map<Integer, String> ids = new HashMap<>(docIds.length * 2);
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		LeafReaderContext leaf = null;
		SortedDocValues values = null;
		StoredFields storedFields = null;
		for (int docId : docIds) {
			if (leaf == null || docId >= leaf.docBase + leaf.reader().maxDoc()) {
				leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
				values = leaf.reader().getSortedDocValues(LuceneFields.ID_VALUE);
			}
			int target = docId - leaf.docBase;
			if (values != null && values.advanceExact(target)) {
				ids.put(docId, values.lookupOrd(values.ordValue()).utf8ToString());
			}
			else {
				if (storedFields == null) {
					storedFields = searcher.storedFields();
				}
				ids.put(docId, storedFields.document(docId, Set.of(LuceneFields.ID)).get(LuceneFields.ID));
			}
		}
		return ids;
	}

	/** Full results for the first {@code topK} hits. */
	private List<SearchResult> load(IndexSearcher searcher, List<Hit> hits, int topK) throws IOException {
		List<Hit> head = head(hits, topK);
		Map<Integer, Chunk> chunks = loadChunks(searcher, head.stream().mapToInt(Hit::doc).toArray());
		List<SearchResult> results = new ArrayList<>(head.size());
		for (Hit hit : head) {
			results.add(new SearchResult(loaded(chunks, hit.doc()), hit.score(), results.size() + 1, hit.denseScore(),
					hit.sparseScore()));
		}
		return results;
	}

	/**
	 * The chunks of the given docs, read in ascending doc id order, which stored fields serve best, with the
	 * metadata of their records, each parsed once.
	 */
	/** The chunk {@link #loadChunks} loaded for {@code docId}: it loads one for every doc id asked. */
	private static Chunk loaded(Map<Integer, Chunk> chunks, int docId) {
		Chunk chunk = chunks.get(docId);
		if (chunk == null) {
			throw new IllegalStateException("chunk not loaded: doc " + docId);
		}
		return chunk;
	}

	private Map<Integer, Chunk> loadChunks(IndexSearcher searcher, int[] docIds) throws IOException {
		int[] sorted = docIds.clone();
		Arrays.sort(sorted);
		StoredFields storedFields = searcher.storedFields();
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		Map<Integer, Chunk> chunks = new HashMap<>(sorted.length * 2);
		Map<Integer, Map<String, Object>> metadataByRecord = new HashMap<>();
		for (int docId : sorted) {
			if (!chunks.containsKey(docId)) {
				int record = record(leaves, docId);
				Map<String, Object> metadata = metadataByRecord.get(record);
				if (metadata == null) {
					metadata = readMetadata(storedFields.document(record, Set.of(LuceneFields.METADATA))
						.get(LuceneFields.METADATA));
					metadataByRecord.put(record, metadata);
				}
				var stored = storedFields.document(docId);
				chunks.put(docId, toChunk(stored, withOwn(stored, metadata)));
			}
		}
		return chunks;
	}

	/** The index-wide doc id of the record of the chunk {@code docId}: the first record after it. */
	private int record(List<LeafReaderContext> leaves, int docId) throws IOException {
		LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
		BitSet parents = this.records.getBitSet(leaf);
		int target = docId - leaf.docBase;
		int record = (parents == null) ? DocIdSetIterator.NO_MORE_DOCS : parents.nextSetBit(target);
		if (record == DocIdSetIterator.NO_MORE_DOCS) {
			throw new IllegalStateException("chunk doc " + docId + " has no document record after it");
		}
		return leaf.docBase + record;
	}

	/**
	 * A search hit before its chunk is loaded.
	 * @param doc the index-wide Lucene doc id
	 * @param score the score it is ranked by
	 * @param denseScore {@code score} when it came from the dense list
	 * @param sparseScore {@code score} when it came from the sparse list
	 */
	private record Hit(int doc, double score, @Nullable Double denseScore, @Nullable Double sparseScore) {
	}

	/** Reads the vectors from the HNSW graph's vector values; nothing is stored twice. */
	@Override
	public Map<String, float[]> chunkVectors(String namespace, Collection<String> chunkIds) {
		if (chunkIds.isEmpty()) {
			return Map.of();
		}
		List<BytesRef> ids = chunkIds.stream().distinct().map(BytesRef::new).toList();
		Query query = new BooleanQuery.Builder()
			.add(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_CHUNK)), Occur.FILTER)
			.add(new TermQuery(new Term(LuceneFields.NAMESPACE, namespace)), Occur.FILTER)
			.add(new TermInSetQuery(LuceneFields.ID, ids), Occur.FILTER)
			.build();
		return withSearcher(searcher -> {
			ScoreDoc[] hits = searcher.search(query, ids.size()).scoreDocs;
			// Vector iterators only move forward: visit hits in doc id order.
			int[] docIds = Arrays.stream(hits).mapToInt(hit -> hit.doc).sorted().toArray();
			StoredFields storedFields = searcher.storedFields();
			VectorReader vectors = new VectorReader(searcher.getIndexReader().leaves());
			Map<String, float[]> byId = new LinkedHashMap<>();
			for (int docId : docIds) {
				byId.put(storedFields.document(docId, Set.of(LuceneFields.ID)).get(LuceneFields.ID),
						vectors.read(docId));
			}
			return byId;
		});
	}

	/**
	 * Chunks of the request's namespace that pass its filter. The filter selects document records, which hold
	 * the metadata, and the block join maps each record to the chunks before it: chunks inherit their document's
	 * metadata unchanged. Keys some chunks hold themselves (a file's page and section, listed in
	 * {@link LuceneFields#CHUNK_KEYS}) are matched on the chunks as well.
	 */
	private Query scope(IndexSearcher searcher, SearchRequest request) throws IOException {
		TermQuery namespace = new TermQuery(new Term(LuceneFields.NAMESPACE, request.namespace()));
		BooleanQuery.Builder builder = new BooleanQuery.Builder()
			.add(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_CHUNK)), Occur.FILTER)
			.add(namespace, Occur.FILTER);
		if (request.filter() != null) {
			Set<String> onChunks = new HashSet<>();
			IndexReader reader = searcher.getIndexReader();
			for (String key : LuceneFilterConverter.fieldsOf(request.filter())) {
				// A term lookup per key; counts deleted chunks too, which costs a wider query, never a wrong one.
				if (reader.docFreq(new Term(LuceneFields.CHUNK_KEYS, key)) > 0) {
					onChunks.add(key);
				}
			}
			builder.add(LuceneFilterConverter.toChunkQuery(request.filter(), onChunks::contains, (filter) -> {
				// The join requires a parent query that matches records only.
				Query records = new BooleanQuery.Builder()
					.add(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT)), Occur.FILTER)
					.add(namespace, Occur.FILTER)
					.add(filter, Occur.FILTER)
					.build();
				return new ToChildBlockJoinQuery(records, this.records);
			}), Occur.FILTER);
		}
		return builder.build();
	}

	/** The nearest {@code depth} chunks, scored by cosine similarity. */
	private List<Hit> dense(IndexSearcher searcher, SearchRequest request, int depth, Query scope)
			throws IOException {
		float[] vector = request.vector();
		if (vector == null || vector.length != this.dimensions) {
			throw new IllegalArgumentException("query vector must have " + this.dimensions + " dimensions, had "
					+ (vector == null ? "none" : vector.length));
		}
		// The scope is a pre-filter: HNSW only collects accepted docs, and Lucene switches to an exact scan
		// when the filter accepts few docs, so filtered searches do not lose recall.
		TopDocs top = searcher.search(new KnnFloatVectorQuery(LuceneFields.VECTOR, vector, depth, scope), depth);
		List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
		for (ScoreDoc hit : top.scoreDocs) {
			// Lucene scores DOT_PRODUCT as (1 + dot) / 2; for unit vectors dot is the cosine.
			double cosine = 2.0 * hit.score - 1.0;
			hits.add(new Hit(hit.doc, cosine, cosine, null));
		}
		return hits;
	}

	/** The best {@code depth} chunks by BM25 over the analysed query terms. */
	private List<Hit> sparse(IndexSearcher searcher, SearchRequest request, int depth, Query scope)
			throws IOException {
		Map<String, Integer> termCounts = analyze(request.text() == null ? "" : request.text());
		if (termCounts.isEmpty()) {
			return List.of();
		}
		BooleanQuery.Builder terms = new BooleanQuery.Builder();
		String field = LuceneFields.sparse(request.namespace());
		termCounts.forEach((term, count) -> {
			Query query = new TermQuery(new Term(field, term));
			// A repeated query term weighs as much as repeating its clause would.
			terms.add((count > 1) ? new BoostQuery(query, count) : query, Occur.SHOULD);
		});
		// The terms are MUST (at least one matches) and the scope FILTER: next to a FILTER clause, bare SHOULD
		// clauses would become optional and every chunk in scope would match.
		Query query = new BooleanQuery.Builder().add(terms.build(), Occur.MUST).add(scope, Occur.FILTER).build();
		TopDocs top = searcher.search(query, depth);
		List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
		for (ScoreDoc hit : top.scoreDocs) {
			double score = hit.score;
			hits.add(new Hit(hit.doc, score, null, score));
		}
		return hits;
	}

	/**
	 * Query terms as the index analysed them, with their counts. User text is never parsed as query
	 * syntax, so quotes, colons or {@code AND} in a question are just words.
	 */
	private Map<String, Integer> analyze(String text) throws IOException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		try (TokenStream stream = this.analyzer.tokenStream(LuceneFields.CONTENT, text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				String value = term.toString();
				if (counts.containsKey(value) || counts.size() < MAX_QUERY_TERMS) {
					counts.merge(value, 1, Integer::sum);
				}
			}
			stream.end();
		}
		return counts;
	}

	private static List<Hit> head(List<Hit> hits, int topK) {
		return (hits.size() <= topK) ? hits : hits.subList(0, topK);
	}

	/**
	 * A stored chunk with its document's metadata; the text of a layout 1 chunk (read while migrating) is under
	 * its old name.
	 */
	private static Chunk toChunk(org.apache.lucene.document.Document stored, Map<String, Object> metadata) {
		String text = stored.get(LuceneFields.CHUNK_TEXT);
		return new Chunk(stored.get(LuceneFields.ID), stored.get(LuceneFields.DOCUMENT_ID),
				(text != null) ? text : stored.get(LuceneFields.CONTENT),
				stored.getField(LuceneFields.POSITION).numericValue().intValue(), metadata,
				stored.getField(LuceneFields.TOKEN_COUNT).numericValue().intValue(), stored.get(LuceneFields.SOURCE),
				stored.get(LuceneFields.CONTENT_HASH), sentenceVectors(stored));
	}

	private static @Nullable SentenceVectors sentenceVectors(org.apache.lucene.document.Document stored) {
		BytesRef bytes = stored.getBinaryValue(LuceneFields.SENTENCE_VECTORS);
		return (bytes != null) ? SentenceVectors.fromBytes(
				java.util.Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length)) : null;
	}

	@Override
	public boolean keepsSentenceVectors() {
		return true;
	}

	/** The document's metadata plus the chunk's own keys, if it has any. */
	private Map<String, Object> withOwn(org.apache.lucene.document.Document stored, Map<String, Object> metadata) {
		String own = stored.get(LuceneFields.CHUNK_METADATA);
		if (own == null) {
			return metadata;
		}
		Map<String, Object> merged = new HashMap<>(metadata);
		merged.putAll(readMetadata(own));
		return merged;
	}

	private Map<String, Object> readMetadata(@Nullable String metadataJson) {
		return (metadataJson == null) ? Map.of() : this.json.readValue(metadataJson, METADATA_TYPE);
	}

	/**
	 * Walks the sorted terms of {@link LuceneFields#KEY}: a namespace's keys share the prefix
	 * {@code key(namespace, "")} and sort by document id after it, so a page is a seek and at most {@code limit}
	 * (plus deleted, not yet merged) terms, never a scan of the namespace. The count of a key's live Lucene
	 * documents is its chunks plus the record.
	 */
	@Override
	public DocumentPage listDocuments(String namespace, @Nullable String after, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be >= 1, was " + limit);
		}
		String prefix = LuceneFields.key(namespace, "");
		return withSearcher(searcher -> {
			List<DocumentPage.Summary> page = new ArrayList<>();
			String next = null;
			Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), LuceneFields.KEY);
			if (terms == null) {
				return new DocumentPage(page, null);
			}
			TermsEnum keys = terms.iterator();
			BytesRef start = new BytesRef(prefix + ((after != null) ? after : ""));
			TermsEnum.SeekStatus status = keys.seekCeil(start);
			BytesRef term = (status == TermsEnum.SeekStatus.END) ? null : keys.term();
			if (term != null && after != null && term.bytesEquals(start)) {
				term = keys.next();
			}
			StoredFields stored = searcher.storedFields();
			for (; term != null; term = keys.next()) {
				String key = term.utf8ToString();
				if (!key.startsWith(prefix)) {
					break;
				}
				BooleanQuery record = new BooleanQuery.Builder()
					.add(new TermQuery(new Term(LuceneFields.KEY, key)), Occur.FILTER)
					.add(new TermQuery(new Term(LuceneFields.KIND, LuceneFields.KIND_DOCUMENT)), Occur.FILTER)
					.build();
				TopDocs hit = searcher.search(record, 1);
				if (hit.scoreDocs.length == 0) {
					continue; // deleted, not merged away yet
				}
				if (page.size() == limit) {
					next = page.get(page.size() - 1).id();
					break;
				}
				var fields = stored.document(hit.scoreDocs[0].doc);
				int chunks = searcher.count(new TermQuery(new Term(LuceneFields.KEY, key))) - 1;
				page.add(new DocumentPage.Summary(key.substring(prefix.length()), fields.get(LuceneFields.SOURCE),
						chunks, Instant.parse(fields.get(LuceneFields.CREATED_AT)),
						Instant.parse(fields.get(LuceneFields.UPDATED_AT))));
			}
			return new DocumentPage(page, next);
		});
	}

	@Override
	public boolean delete(String namespace, String documentId) {
		Term key = new Term(LuceneFields.KEY, LuceneFields.key(namespace, documentId));
		// The current searcher reflects every acknowledged write, since writes refresh before returning.
		boolean present = withSearcher(searcher -> searcher.count(new TermQuery(key)) > 0);
		if (!present) {
			return false;
		}
		try {
			makeDurableAndVisible(this.writer.deleteDocuments(key));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete document '" + documentId + "'", ex);
		}
		return true;
	}

	@Override
	public long chunkCount() {
		return withSearcher(searcher -> (long) countKind(searcher, LuceneFields.KIND_CHUNK));
	}

	private static int countKind(IndexSearcher searcher, String kind) throws IOException {
		return searcher.count(new TermQuery(new Term(LuceneFields.KIND, kind)));
	}

	@Override
	public Health healthCheck() {
		Throwable tragedy = this.writer.getTragicException();
		if (tragedy != null) {
			return Health.down("Lucene index writer failed: " + tragedy);
		}
		if (this.closed.get() || !this.writer.isOpen()) {
			return Health.down("Lucene index writer is closed");
		}
		try {
			return withSearcher(searcher -> Health.up(Map.of("path", this.path.toString(), "chunks",
					countKind(searcher, LuceneFields.KIND_CHUNK), "documents",
					countKind(searcher, LuceneFields.KIND_DOCUMENT), "dimensions", this.dimensions)));
		}
		catch (AlreadyClosedException | UncheckedIOException ex) {
			return Health.down("Lucene index unreadable: " + ex.getMessage());
		}
	}

	/** Commits performed so far; fewer than writes when concurrent writers shared commits. */
	long commitCount() {
		return this.commits.get();
	}

	/** Closes the searcher, the writer (committing anything pending) and the directory; idempotent. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			IOUtils.close(this.searcherManager, this.writer, this.directory, this.analyzer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot close the Lucene index at " + this.path, ex);
		}
	}

	private <T> T withSearcher(SearcherFunction<T> function) {
		try {
			IndexSearcher searcher = this.searcherManager.acquire();
			try {
				return function.apply(searcher);
			}
			finally {
				this.searcherManager.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the Lucene index at " + this.path, ex);
		}
	}

	@FunctionalInterface
	private interface SearcherFunction<T> {

		T apply(IndexSearcher searcher) throws IOException;

	}

}
