package io.ragwell.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.ragwell.feedback.Feedback;
import io.ragwell.feedback.FeedbackJudgments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feedback {@code eval --feedback} reads: the service's log ({@code feedback.jsonl}, one record a line) or a
 * {@code GET /feedback} export (one JSON array). Lines that are not feedback are skipped, as the log's reader
 * skips them.
 */
final class FeedbackFile {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private FeedbackFile() {
	}

	/**
	 * @param file the log or the export
	 * @param namespace only this namespace's records are kept
	 * @param limit most records kept, the latest
	 * @return the namespace's records, oldest first
	 */
	static List<Feedback> read(Path file, String namespace, int limit) throws IOException {
		Deque<Feedback> kept = new ArrayDeque<>();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			reader.mark(64 * 1024);
			int first;
			do {
				first = reader.read();
			}
			while (first != -1 && Character.isWhitespace(first));
			reader.reset();
			if (first == '[') {
				JsonNode array = JSON.readTree(reader);
				for (JsonNode node : array) {
					keep(parse(node.toString()), namespace, limit, kept);
				}
			}
			else {
				String line;
				while ((line = reader.readLine()) != null) {
					if (!line.isBlank()) {
						keep(parse(line), namespace, limit, kept);
					}
				}
			}
		}
		return new ArrayList<>(kept);
	}

	private static void keep(@Nullable Feedback feedback, String namespace, int limit, Deque<Feedback> kept) {
		if (feedback != null && feedback.namespace().equals(namespace)) {
			kept.addLast(feedback);
			if (kept.size() > limit) {
				kept.removeFirst();
			}
		}
	}

	private static @Nullable Feedback parse(String json) {
		try {
			return JSON.readValue(json, Feedback.class);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			return null;
		}
	}

	/** The judgments as the evaluator's judged queries, numbered {@code feedback-1…} most recently rated first. */
	static List<JudgedQuery> judgedQueries(FeedbackJudgments.Result result) {
		List<JudgedQuery> queries = new ArrayList<>(result.judgments().size());
		for (FeedbackJudgments.Judgment judgment : result.judgments()) {
			queries.add(new JudgedQuery("feedback-" + (queries.size() + 1), judgment.question(), judgment.grades()));
		}
		return queries;
	}

}
