package io.ragwell.store.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Field names and document ids of the index. Metadata values are indexed under per-type object fields
 * ({@code ms} keyword, {@code mn} double, {@code mb} boolean), so the string {@code "1"}, the number 1 and
 * the boolean {@code true} stay distinct values of one key, and a caller's key can never collide with a
 * system field. The original metadata is kept, unindexed, in {@code stored.metadata} for reading back.
 */
final class OpenSearchFields {

	static final String KIND = "kind";

	static final String KIND_CHUNK = "chunk";

	static final String KIND_DOCUMENT = "document";

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

	static final String METADATA_STRINGS = "ms";

	static final String METADATA_NUMBERS = "mn";

	static final String METADATA_BOOLEANS = "mb";

	private OpenSearchFields() {
	}

	static String metadataString(String key) {
		return METADATA_STRINGS + "." + encodeKey(key);
	}

	static String metadataNumber(String key) {
		return METADATA_NUMBERS + "." + encodeKey(key);
	}

	static String metadataBoolean(String key) {
		return METADATA_BOOLEANS + "." + encodeKey(key);
	}

	/**
	 * A metadata key as one field-name segment. OpenSearch reads dots in field names as object paths, so the
	 * keys {@code a} and {@code a.b} would clash (one a keyword, the other an object); everything outside
	 * {@code [A-Za-z0-9_-]} is percent-encoded, which keeps distinct keys distinct.
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

	/** The {@code _id} of the chunk at {@code position}. */
	static String chunkId(String key, int position) {
		return sha256(key) + ":" + position;
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
