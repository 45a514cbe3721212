package io.ragwell.ingest;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Body of {@code GET /documents/{id}}. */
public record DocumentView(String id, String content, Map<String, Object> metadata, @Nullable String source,
		Instant createdAt, Instant updatedAt, int chunks) {
}
