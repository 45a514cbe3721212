package io.ragwell.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A source document as ingested: the unit that is replaced on re-ingest and removed on delete.
 *
 * @param id caller-supplied or generated identifier, unique within its namespace
 * @param namespace tenant partition; {@link #DEFAULT_NAMESPACE} when the service runs without tenants
 * @param content full text
 * @param metadata caller metadata; values are strings, numbers, booleans or lists of those
 * @param source where the document came from (URL, file name), if known
 * @param createdAt first ingest
 * @param updatedAt last ingest that changed anything
 */
public record Document(String id, String namespace, String content, Map<String, Object> metadata,
		@Nullable String source, Instant createdAt, Instant updatedAt) {

	public static final String DEFAULT_NAMESPACE = "default";

	public Document {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(content, "content");
		metadata = Map.copyOf(metadata);
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
	}

}
