package io.ragwell.store.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Index names, field names and document ids. Metadata values are indexed as {@code key=value} terms of three
 * fixed keyword fields, one per type ({@code ms} strings, {@code mn} numbers, {@code mb} booleans), so the
 * string {@code "1"}, the number 1 and the boolean {@code true} stay distinct values of one key, and a
 * caller's key can never collide with a system field. Keys are data, not fields: the mapping has the same
 * dozen fields whatever keys are written, so no tenant can push an index to OpenSearch's field limit
 * ({@code index.mapping.total_fields.limit}, 1000) or fix a key's type for anyone. The original metadata is
 * kept, unindexed, in {@code stored.metadata} for reading back.
 */
final class OpenSearchFields {

	static final String KIND = "kind";

	static final String KIND_CHUNK = "chunk";

	static final String KIND_DOCUMENT = "document";

	/**
	 * The record of a deleted document: it keeps the record's {@code _id} (so a writer that read the live record
	 * fails its conditional commit and re-reads), names the versions whose chunks the delete removes, and is
	 * itself removed after {@code OpenSearchVectorStore.TOMBSTONE_RETENTION}.
	 */
	static final String KIND_TOMBSTONE = "tombstone";

	/** Per-(namespace, document) key shared by the document record and its chunks. */
	static final String KEY = "key";

	static final String NAMESPACE = "namespace";

	static final String DOCUMENT_ID = "document_id";

	static final String SOURCE = "source";

	static final String CHUNK_ID = "chunk_id";

	static final String POSITION = "position";

	/** Chunk text, BM25 with the english analyzer. */
	static final String TEXT = "text";

	static final String VECTOR = "vector";

	/** Not indexed ({@code enabled: false}): what is only read back. */
	static final String STORED = "stored";

	/** In {@link #STORED}: the chunk's sentence vectors, base64 of {@code SentenceVectors.toBytes()}. */
	static final String SENTENCE_VECTORS = "sentence_vectors";

	/**
	 * The write that produced a chunk, and on the document record the write that is current: a chunk is
	 * part of its document only while the two agree. Absent on data written before versions existed.
	 */
	static final String VERSION = "version";

	/** When a chunk was written (epoch milliseconds): the sweeper's age for chunks no record claims. */
	static final String WRITTEN_AT = "written_at";

	static final String METADATA_STRINGS = "ms";

	static final String METADATA_NUMBERS = "mn";

	static final String METADATA_BOOLEANS = "mb";

	/**
	 * Ends the encoded key in a term. Encoded keys never contain it, so {@code [key=, key>)} (the next byte
	 * after {@code =}) holds exactly one key's terms, in value order: that is how ranges are expressed.
	 */
	static final char KEY_END = '=';

	/** The byte after {@link #KEY_END}: the exclusive upper end of one key's terms. */
	static final char KEY_BOUND = '>';

	/** Lucene refuses terms longer than this many UTF-8 bytes (IndexWriter.MAX_TERM_LENGTH). */
	static final int MAX_TERM_BYTES = 32_766;

	/**
	 * Longer string values stay readable but are not indexed for filtering, as in the Lucene store: 8191
	 * characters are at most 32764 UTF-8 bytes, under Lucene's term limit even with a short key in front.
	 */
	static final int MAX_FILTERABLE_CHARS = 8191;

	/** Namespace indices whose namespace is a readable index-name segment: {@code <index>-ns-<namespace>}. */
	private static final String PLAIN_NAMESPACE = "-ns-";

	/** Every other namespace, by hash: {@code <index>-nsx-<hash>}; differs from the plain form at its 4th character. */
	private static final String HASHED_NAMESPACE = "-nsx-";

	private static final Pattern INDEX_SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	private OpenSearchFields() {
	}

	/**
	 * The index holding {@code namespace}'s documents. One index per namespace, so BM25's statistics (document
	 * frequencies, average length) are the namespace's own and a score reveals nothing about other tenants;
	 * lowercase names made of index-name characters are kept readable, anything else is hashed.
	 * @param index the configured base name
	 * @param namespace the tenant namespace
	 * @return a valid OpenSearch index name, distinct for distinct namespaces
	 */
	static String namespaceIndex(String index, String namespace) {
		if (INDEX_SEGMENT.matcher(namespace).matches()) {
			return index + PLAIN_NAMESPACE + namespace;
		}
		// 128 bits: collisions are out of reach for any number of tenants.
		return index + HASHED_NAMESPACE + sha256(namespace).substring(0, 32);
	}

	/** Every namespace index of {@code index}, for counting across namespaces. */
	static String allNamespaceIndices(String index) {
		return index + PLAIN_NAMESPACE + "*," + index + HASHED_NAMESPACE + "*";
	}

	/** The {@code ms} term of a string value, or null when the value is too long to index. */
	static @Nullable String stringTerm(String key, String value) {
		if (value.length() > MAX_FILTERABLE_CHARS) {
			return null;
		}
		String term = encodeKey(key) + KEY_END + value;
		return (term.getBytes(StandardCharsets.UTF_8).length <= MAX_TERM_BYTES) ? term : null;
	}

	/** The {@code mn} term of a number. */
	static String numberTerm(String key, double value) {
		return encodeKey(key) + KEY_END + sortable(value);
	}

	/** The {@code mb} term of a boolean. */
	static String booleanTerm(String key, boolean value) {
		return encodeKey(key) + KEY_END + value;
	}

	/** The lowest term of {@code key} (inclusive). */
	static String lowest(String key) {
		return encodeKey(key) + KEY_END;
	}

	/** Above every term of {@code key} (exclusive). */
	static String above(String key) {
		return encodeKey(key) + KEY_BOUND;
	}

	/**
	 * A double as 16 hex digits whose string order is the numeric order, so keyword ranges are numeric ranges:
	 * the IEEE bits with the negative half flipped (Lucene's sortable long), then the sign bit flipped so that
	 * unsigned (string) order matches. -0.0 is 0.0, as numbers compare.
	 */
	static String sortable(double value) {
		long bits = Double.doubleToLongBits((value == 0.0) ? 0.0 : value);
		long signedOrder = bits ^ ((bits >> 63) & Long.MAX_VALUE);
		return HexFormat.of().toHexDigits(signedOrder ^ Long.MIN_VALUE);
	}

	/**
	 * A metadata key as the front of a term. Everything outside {@code [A-Za-z0-9_-]} is percent-encoded, which
	 * keeps distinct keys distinct and keeps {@link #KEY_END} and {@link #KEY_BOUND} out of every key.
	 */
	static String encodeKey(String key) {
		StringBuilder encoded = new StringBuilder(key.length());
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
			}
		}
		return encoded.toString();
	}

	/** Length-prefixed so that no two (namespace, document id) pairs share a key. */
	static String key(String namespace, String documentId) {
		return namespace.length() + ":" + namespace + documentId;
	}

	/**
	 * The {@code _id} of the document record. Hashed because {@code _id} is limited to 512 bytes while
	 * document ids and namespaces are not; deterministic so that a re-ingest overwrites in place.
	 */
	static String documentRecordId(String key) {
		return sha256(key) + ":d";
	}

	/** The {@code _id} of the chunk at {@code position} written before versions existed (version ""). */
	static String chunkId(String key, int position) {
		return sha256(key) + ":" + position;
	}

	/** The {@code _id} of the chunk at {@code position} of write {@code version}; the legacy id for "". */
	static String chunkId(String key, String version, int position) {
		return version.isEmpty() ? chunkId(key, position) : sha256(key) + ":" + version + ":" + position;
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
