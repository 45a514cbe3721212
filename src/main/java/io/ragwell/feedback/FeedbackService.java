package io.ragwell.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.Text;
import io.ragwell.query.metrics.RagMetrics;
import org.jspecify.annotations.Nullable;

/**
 * Validates and records feedback, and exports it per namespace.
 * <p>
 * Any well-formed {@code query_id} (a UUID, which is what {@code /query} hands out) is accepted: ids are not
 * remembered, so feedback on an answer given before a restart, or by another replica, is still taken. The
 * price is that a made-up UUID is accepted too; offline evaluation joins feedback to its query log and drops
 * what does not match.
 */
public final class FeedbackService {

	/** Chunk ids are short generated strings; anything longer is not one. */
	private static final int MAX_SOURCE_ID_CHARS = 512;

	private final FeedbackLog log;

	private final FeedbackProperties properties;

	private final MeterRegistry registry;

	private final Clock clock;

	public FeedbackService(FeedbackLog log, FeedbackProperties properties, MeterRegistry registry, Clock clock) {
		this.log = log;
		this.properties = properties;
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * @param namespace the caller's namespace
	 * @param request the feedback as posted
	 * @return the stored record
	 * @throws InvalidRequestException naming the first invalid field
	 */
	public Feedback record(String namespace, FeedbackRequest request) {
		String queryId = request.queryId();
		if (queryId == null || queryId.isBlank()) {
			throw new InvalidRequestException("invalid-request", "query_id",
					"'query_id' is required: send the query_id of the /query response you rate");
		}
		try {
			queryId = UUID.fromString(queryId.strip()).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "query_id",
					"'query_id' must be the UUID a /query response carried, was '" + abbreviate(queryId) + "'");
		}
		if (request.rating() == null) {
			throw new InvalidRequestException("invalid-request", "rating", "'rating' is required: 'up' or 'down'");
		}
		Rating rating;
		try {
			rating = Rating.parse(request.rating());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "rating",
					"'rating' must be 'up' or 'down', was '" + abbreviate(request.rating()) + "'");
		}
		List<String> sourceIds = sourceIds(request.sourceIds());
		String comment = comment(request.comment());
		Feedback feedback = new Feedback(UUID.randomUUID().toString(), queryId, namespace, rating.label(), sourceIds,
				comment, this.clock.instant());
		// The field limits alone allow ~53 KB (100 ids of 512 characters); this caps what one request can add.
		int bytes = this.log.line(feedback).length;
		if (bytes > this.properties.maxRecordSize().toBytes()) {
			throw new InvalidRequestException("invalid-request", null, "the feedback would take " + bytes
					+ " bytes; at most " + this.properties.maxRecordSize().toBytes()
					+ " are accepted: send fewer or shorter source_ids, or a shorter comment");
		}
		this.log.append(feedback);
		Counter.builder(RagMetrics.FEEDBACK)
			.description("Feedback received on answers")
			.tag("rating", rating.label())
			.register(this.registry)
			.increment();
		return feedback;
	}

	/**
	 * @param namespace the caller's namespace
	 * @param since earliest feedback wanted, or null for all
	 * @return the namespace's feedback, oldest first, at most {@code ragwell.feedback.max-export} records
	 */
	public List<Feedback> export(String namespace, @Nullable Instant since) {
		return this.log.read(namespace, since, this.properties.maxExport());
	}

	private List<String> sourceIds(@Nullable List<String> ids) {
		if (ids == null) {
			return List.of();
		}
		if (ids.size() > this.properties.maxSourceIds()) {
			throw new InvalidRequestException("invalid-request", "source_ids", "'source_ids' has " + ids.size()
					+ " entries; at most " + this.properties.maxSourceIds() + " are accepted");
		}
		for (String id : ids) {
			if (id == null || id.isBlank() || id.length() > MAX_SOURCE_ID_CHARS) {
				throw new InvalidRequestException("invalid-request", "source_ids",
						"'source_ids' must hold chunk ids from the response's sources: non-blank strings of at most "
								+ MAX_SOURCE_ID_CHARS + " characters");
			}
		}
		return ids.stream().map(id -> Text.sanitize(id).strip()).distinct().toList();
	}

	private @Nullable String comment(@Nullable String comment) {
		if (comment == null || comment.isBlank()) {
			return null;
		}
		if (comment.length() > this.properties.maxCommentChars()) {
			throw new InvalidRequestException("invalid-request", "comment", "'comment' has " + comment.length()
					+ " characters; at most " + this.properties.maxCommentChars() + " are accepted");
		}
		return Text.sanitize(comment).strip();
	}

	private static String abbreviate(String value) {
		return (value.length() <= 64) ? value : value.substring(0, 64) + "…";
	}

}
