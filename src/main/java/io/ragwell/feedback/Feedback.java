package io.ragwell.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One stored piece of feedback, as exported by {@code GET /feedback}.
 *
 * @param id this record's id
 * @param queryId the {@code query_id} of the {@code /query} response it rates
 * @param namespace tenant namespace it was given in
 * @param rating {@code up} or {@code down}
 * @param sourceIds the chunk ids the user singled out (relevant for up, wrong for down); may be empty
 * @param comment free text, if any
 * @param createdAt when it was received
 */
public record Feedback(String id, String queryId, String namespace, String rating, List<String> sourceIds,
		@Nullable String comment, Instant createdAt) {

	public Feedback {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(queryId, "queryId");
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(rating, "rating");
		sourceIds = (sourceIds == null) ? List.of() : List.copyOf(sourceIds);
		Objects.requireNonNull(createdAt, "createdAt");
	}

}
