package io.ragwell.feedback;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A namespace's feedback joined to its query log: the judgments tuning and {@code eval --feedback} score on. */
public final class JudgmentService {

	private final FeedbackLog feedback;

	private final QueryLogFile queries;

	public JudgmentService(FeedbackLog feedback, QueryLogFile queries) {
		this.feedback = feedback;
		this.queries = queries;
	}

	/**
	 * @param namespace tenant namespace: only its feedback and its questions are read
	 * @param maxFeedback most feedback records read, the latest (memory is bounded by it, not by the log)
	 * @param maxQuestions most judged questions returned, the most recently rated
	 * @return the judgments
	 */
	public FeedbackJudgments.Result judgments(String namespace, int maxFeedback, int maxQuestions) {
		// Questions answered a moment ago may still be queued for the writer.
		this.queries.flush();
		List<Feedback> ratings = this.feedback.readLatest(namespace, maxFeedback);
		Set<String> ids = new HashSet<>();
		ratings.forEach((rating) -> ids.add(rating.queryId()));
		return FeedbackJudgments.join(ratings, this.queries.read(namespace, ids), maxQuestions);
	}

}
