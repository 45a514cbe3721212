package io.ragwell.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.ragwell.query.log.QueryLogEntry;
import org.jspecify.annotations.Nullable;

/**
 * Turns feedback into relevance judgments by joining it to the query log on {@code query_id}: the log has the
 * question and the sources that came back, the feedback says which of those sources were right.
 *
 * <ul>
 * <li>{@code up} on a source: its document is relevant (grade 1) to the question; {@code down}: not relevant
 * (grade 0). A source id may be a returned chunk id or a returned document id; an id that was not among the
 * returned sources is ignored, so feedback cannot judge documents the user never saw.</li>
 * <li>Feedback without {@code source_ids}, or on a {@code query_id} the log does not have (never logged, rotated
 * away, another namespace's, made up) is counted and left out.</li>
 * <li>The same question asked several times (case and spacing aside) is one judged query; for a document rated
 * more than once the latest rating wins.</li>
 * <li>Only questions with at least one relevant document count: nDCG needs one.</li>
 * </ul>
 */
public final class FeedbackJudgments {

	private FeedbackJudgments() {
	}

	/**
	 * One judged question.
	 * @param question the question as logged
	 * @param grades document id to grade: 1 relevant, 0 not relevant; at least one 1
	 * @param lastRated when its latest feedback came
	 */
	public record Judgment(String question, Map<String, Integer> grades, Instant lastRated) {

		public Judgment {
			grades = Map.copyOf(grades);
		}

	}

	/**
	 * The judgments and what was left out.
	 * @param judgments judged questions, most recently rated first, at most the cap asked for
	 * @param feedback feedback records read
	 * @param joined records whose {@code query_id} the log had and that judged at least one returned source
	 * @param unmatched records whose {@code query_id} the log does not have
	 * @param withoutSources records that name no returned source
	 * @param withoutRelevant judged questions left out because none of their documents is rated relevant
	 * @param capped judged questions left out by the cap (the oldest rated)
	 */
	public record Result(List<Judgment> judgments, int feedback, int joined, int unmatched, int withoutSources,
			int withoutRelevant, int capped) {

		public Result {
			judgments = List.copyOf(judgments);
		}

	}

	/**
	 * @param feedback the namespace's feedback, oldest first
	 * @param log the namespace's logged questions by {@code query_id}
	 * @param maxQuestions most judged questions returned; the most recently rated are kept
	 * @return the judgments
	 */
	public static Result join(List<Feedback> feedback, Map<String, QueryLogEntry> log, int maxQuestions) {
		Map<String, Rated> questions = new LinkedHashMap<>();
		int joined = 0;
		int unmatched = 0;
		int withoutSources = 0;
		for (Feedback rating : feedback) {
			QueryLogEntry entry = log.get(rating.queryId());
			if (entry == null || !entry.namespace().equals(rating.namespace())) {
				unmatched++;
				continue;
			}
			Set<String> documents = returnedDocuments(entry, rating.sourceIds());
			if (documents.isEmpty()) {
				withoutSources++;
				continue;
			}
			joined++;
			Rated rated = questions.computeIfAbsent(normalise(entry.question()), (k) -> new Rated(entry.question()));
			int grade = "up".equals(rating.rating()) ? 1 : 0;
			for (String document : documents) {
				// The latest rating of a document wins.
				rated.grades.put(document, grade);
			}
			if (rated.last == null || rating.createdAt().isAfter(rated.last)) {
				rated.last = rating.createdAt();
			}
		}
		List<Judgment> judgments = new ArrayList<>();
		int withoutRelevant = 0;
		for (Rated rated : questions.values()) {
			if (rated.grades.values().stream().noneMatch((grade) -> grade > 0) || rated.last == null) {
				withoutRelevant++;
				continue;
			}
			judgments.add(new Judgment(rated.question, rated.grades, rated.last));
		}
		judgments.sort(Comparator.comparing(Judgment::lastRated).reversed());
		int capped = Math.max(0, judgments.size() - maxQuestions);
		return new Result(judgments.subList(0, judgments.size() - capped), feedback.size(), joined, unmatched,
				withoutSources, withoutRelevant, capped);
	}

	/** A question's ratings while they are gathered. */
	private static final class Rated {

		private final String question;

		private final Map<String, Integer> grades = new HashMap<>();

		private @Nullable Instant last;

		Rated(String question) {
			this.question = question;
		}

	}

	/** The documents of the named sources that the response actually returned. */
	private static Set<String> returnedDocuments(QueryLogEntry entry, List<String> sourceIds) {
		Set<String> documents = new LinkedHashSet<>();
		for (String id : sourceIds) {
			for (QueryLogEntry.Source source : entry.sources()) {
				if (source.chunkId().equals(id) || source.documentId().equals(id)) {
					documents.add(source.documentId());
					break;
				}
			}
		}
		return documents;
	}

	/** Case and spacing aside, a question asked again is the same question. */
	static String normalise(String question) {
		return question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}
