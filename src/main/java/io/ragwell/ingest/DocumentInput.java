package io.ragwell.ingest;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /documents}: one document, or a batch in {@code documents}.
 *
 * @param id document id; generated when absent
 * @param content the text
 * @param metadata filterable metadata: string, number and boolean values, or lists of those
 * @param source where the text came from
 * @param documents a batch instead of a single document
 */
public record DocumentInput(@Nullable String id, @Nullable String content, @Nullable Map<String, Object> metadata,
		@Nullable String source, @Nullable List<DocumentInput> documents) {
}
