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
 * @param sentenceVectors its sentences' vectors pooled at ingestion ({@code ragwell.embedding.sentence-vectors}),
 *     when it was ingested with them and its store keeps them; null otherwise
 */
public record Chunk(String id, String documentId, String content, int position, Map<String, Object> metadata,
		int tokenCount, @Nullable String source, String contentHash, @Nullable SentenceVectors sentenceVectors) {

	/** A chunk without sentence vectors. */
	public Chunk(String id, String documentId, String content, int position, Map<String, Object> metadata,
			int tokenCount, @Nullable String source, String contentHash) {
		this(id, documentId, content, position, metadata, tokenCount, source, contentHash, null);
	}

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

	/** The same chunk carrying {@code vectors} (null: none). */
	public Chunk withSentenceVectors(@Nullable SentenceVectors vectors) {
		return new Chunk(this.id, this.documentId, this.content, this.position, this.metadata, this.tokenCount,
				this.source, this.contentHash, vectors);
	}

	public static String idFor(String documentId, int position) {
		return documentId + "#" + position;
	}

}
