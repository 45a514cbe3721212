package io.ragwell.core;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A retrievable piece of a {@link Document}.
 *
 * @param id {@code "{documentId}#{position}"}
 * @param documentId owning document
 * @param content chunk text (overlaps its neighbours by the configured overlap)
 * @param position zero-based order within the document
 * @param metadata the document's metadata, inherited unchanged
 * @param tokenCount tokens of {@code content} under the embedding model's tokenizer, without special tokens
 * @param source the document's source, inherited
 * @param contentHash SHA-256 of {@code content}; equal hashes mean the embedding can be reused
 */
public record Chunk(String id, String documentId, String content, int position, Map<String, Object> metadata,
		int tokenCount, @Nullable String source, String contentHash) {

	public Chunk {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(documentId, "documentId");
		Objects.requireNonNull(content, "content");
		if (content.isBlank()) {
			throw new IllegalArgumentException("chunk content must not be blank");
		}
		if (position < 0) {
			throw new IllegalArgumentException("position must be >= 0, was " + position);
		}
		metadata = Map.copyOf(metadata);
		Objects.requireNonNull(contentHash, "contentHash");
	}

	public static String idFor(String documentId, int position) {
		return documentId + "#" + position;
	}

}
