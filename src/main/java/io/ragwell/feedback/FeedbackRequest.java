package io.ragwell.feedback;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /feedback}.
 *
 * @param queryId the {@code query_id} of the rated {@code /query} response
 * @param rating {@code up} or {@code down}
 * @param sourceIds chunk ids of the sources the rating is about, optional
 * @param comment free text, optional, at most {@code ragwell.feedback.max-comment-chars}
 */
public record FeedbackRequest(@Nullable String queryId, @Nullable String rating, @Nullable List<String> sourceIds,
		@Nullable String comment) {
}
