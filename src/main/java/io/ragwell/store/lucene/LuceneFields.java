package io.ragwell.store.lucene;

/**
 * Field names of the index. Metadata is indexed under prefixed, per-type names so that a caller's metadata
 * key can never collide with a system field, and so that the string {@code "true"}, the boolean
 * {@code true} and the number {@code 1} stay distinct values of the same key.
 *
 * <p>Layout {@value #LAYOUT}: each document is one block of Lucene documents, its chunks first and its record
 * last (the order block joins need). Metadata is stored and indexed once, on the record; chunks are filtered
 * through a join to it, and by the keys of their own (a file's page and section) indexed on them. Chunk text is indexed for BM25 in a field per namespace ({@link #sparse(String)}).
 */
final class LuceneFields {

	/** {@value #KIND_CHUNK} or {@value #KIND_DOCUMENT}; indexed, not stored. */
	static final String KIND = "kind";

	static final String KIND_CHUNK = "chunk";

	static final String KIND_DOCUMENT = "document";

	/** Per-(namespace, document) key shared by the document record and its chunks: the delete term. */
	static final String KEY = "key";

	static final String NAMESPACE = "namespace";

	/** Chunk id; stored on chunk docs. */
	static final String ID = "id";

	/**
	 * Chunk id as a sorted doc value, on chunk docs written since it was added. A field of its own: Lucene keeps
	 * one schema per field name across an index, so {@link #ID} could not gain doc values in existing indexes.
	 */
	static final String ID_VALUE = "id_value";

	static final String DOCUMENT_ID = "document_id";

	static final String SOURCE = "source";

	/**
	 * Chunk text in layout 1: analysed for BM25 (with statistics shared by every namespace) and stored. Read only
	 * to migrate such an index; Lucene keeps one schema per field name, so the stored-only text of layout 2 has
	 * a name of its own, {@link #CHUNK_TEXT}.
	 */
	static final String CONTENT = "content";

	/** Chunk text, stored only; BM25 reads {@link #sparse(String)}. */
	static final String CHUNK_TEXT = "chunk_text";

	private static final String SPARSE_PREFIX = "bm25.";

	/** Whole document text on the document record: stored only, so it does not skew BM25 statistics. */
	static final String DOCUMENT_CONTENT = "document_content";

	static final String POSITION = "position";

	static final String TOKEN_COUNT = "token_count";

	static final String CONTENT_HASH = "content_hash";

	/** Stored only: the chunk's sentence vectors in {@link io.ragwell.core.SentenceVectors#toBytes()} form. */
	static final String SENTENCE_VECTORS = "sentence_vectors";

	/**
	 * A chunk's own metadata beyond its document's (a file's page, section, modality), as JSON; absent when it has
	 * none. Its values are also indexed on the chunk under the metadata field names (from layout 3), so filters
	 * reach them.
	 */
	static final String CHUNK_METADATA = "chunk_metadata";

	/**
	 * Keyword field on a chunk: the names of its own metadata keys. A filter on a key no chunk holds keeps the
	 * cheaper path (one join from the records).
	 */
	static final String CHUNK_KEYS = "chunk_keys";

	/**
	 * Metadata as JSON, stored on the document record (layout 1 also stored it on every chunk): the source of
	 * truth for reading metadata back.
	 */
	static final String METADATA = "metadata";

	static final String CREATED_AT = "created_at";

	static final String UPDATED_AT = "updated_at";

	/** The embedding, DOT_PRODUCT similarity. */
	static final String VECTOR = "vector";

	private static final String STRING_PREFIX = "m.s.";

	private static final String NUMBER_PREFIX = "m.n.";

	private static final String BOOLEAN_PREFIX = "m.b.";

	/**
	 * Commit user data key holding the index layout. Indexes without it were written in layout 1 (record first,
	 * metadata and BM25 terms on every chunk, one BM25 field for all namespaces) and are rewritten on open.
	 * Layout 2 did not index a chunk's own metadata: its file documents (records with a {@code file_sha256}) are
	 * rewritten on open.
	 */
	static final String LAYOUT_KEY = "ragwell.index.layout";

	static final int LAYOUT = 3;

	/** The layout before a chunk's own metadata was indexed. */
	static final int LAYOUT_2 = 2;

	/** The metadata key every file document has (set by the ingest pipeline); layout 2's rewrite selects on it. */
	static final String FILE_KEY = "file_sha256";

	private LuceneFields() {
	}

	/**
	 * The field holding the BM25 terms of {@code namespace}'s chunks. Lucene keeps term statistics (document
	 * frequency, average length) per field, so one field per namespace makes a tenant's BM25 scores independent
	 * of every other tenant's chunks.
	 */
	static String sparse(String namespace) {
		return SPARSE_PREFIX + namespace;
	}

	/** Keyword field holding the string values of metadata {@code key}. */
	static String metadataString(String key) {
		return STRING_PREFIX + key;
	}

	/** {@code DoublePoint} field holding the numeric values of metadata {@code key}. */
	static String metadataNumber(String key) {
		return NUMBER_PREFIX + key;
	}

	/** Keyword field holding {@code "true"}/{@code "false"} for the boolean values of metadata {@code key}. */
	static String metadataBoolean(String key) {
		return BOOLEAN_PREFIX + key;
	}

	/**
	 * The delete term's value. Length-prefixed so that no (namespace, document id) pair can produce the same
	 * key as another, whatever characters they contain.
	 */
	static String key(String namespace, String documentId) {
		return namespace.length() + ":" + namespace + documentId;
	}

}
