package io.ragwell.store.lucene;

/**
 * Field names of the index. Metadata is indexed under prefixed, per-type names so that a caller's metadata
 * key can never collide with a system field, and so that the string {@code "true"}, the boolean
 * {@code true} and the number {@code 1} stay distinct values of the same key.
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

	/** Chunk text: analysed for BM25 and stored. */
	static final String CONTENT = "content";

	/** Whole document text on the document record: stored only, so it does not skew BM25 statistics. */
	static final String DOCUMENT_CONTENT = "document_content";

	static final String POSITION = "position";

	static final String TOKEN_COUNT = "token_count";

	static final String CONTENT_HASH = "content_hash";

	/** Metadata as JSON, stored: the source of truth for reading metadata back. */
	static final String METADATA = "metadata";

	static final String CREATED_AT = "created_at";

	static final String UPDATED_AT = "updated_at";

	/** The embedding, DOT_PRODUCT similarity. */
	static final String VECTOR = "vector";

	private static final String STRING_PREFIX = "m.s.";

	private static final String NUMBER_PREFIX = "m.n.";

	private static final String BOOLEAN_PREFIX = "m.b.";

	private LuceneFields() {
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
