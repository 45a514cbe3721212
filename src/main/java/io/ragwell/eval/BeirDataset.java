package io.ragwell.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ragwell.ingest.DocumentInput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset in the BEIR layout: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}),
 * {@code queries.jsonl} ({@code _id}, {@code text}) and {@code qrels/<split>.tsv} (a header line, then
 * {@code query-id, corpus-id, score}; graded scores allowed).
 *
 * @param name the directory's name
 * @param documents the corpus, in file order; a document is its title, a blank line and its text
 * @param queries judged queries of the split (at least one positive grade), in qrels order
 */
public record BeirDataset(String name, List<DocumentInput> documents, List<JudgedQuery> queries) {

	/**
	 * With {@code --limit}, the corpus is cut to the documents judged for the kept queries plus this many times
	 * as many other documents in corpus order (distractors): enough that retrieval still has to rank, small
	 * enough that a slice ingests in a minute.
	 */
	public static final int DISTRACTORS_PER_JUDGED_DOCUMENT = 9;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public BeirDataset {
		documents = List.copyOf(documents);
		queries = List.copyOf(queries);
	}

	/**
	 * Reads a dataset.
	 * @param dir the dataset directory
	 * @param split qrels file name without {@code .tsv}
	 * @param limit keep only the first {@code limit} judged queries and a corpus slice for them, or 0 for all
	 * @return the dataset
	 * @throws IllegalArgumentException when a file is missing or malformed, with the line that is
	 */
	public static BeirDataset read(Path dir, String split, int limit) {
		Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
		for (Path required : List.of(dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), qrelsFile)) {
			if (!Files.isRegularFile(required)) {
				throw new IllegalArgumentException("not a BEIR dataset: " + required + " is missing");
			}
		}
		Map<String, Map<String, Integer>> qrels = qrels(qrelsFile);
		Map<String, String> texts = new HashMap<>();
		jsonLines(dir.resolve("queries.jsonl"), node -> texts.put(text(node, "_id"), text(node, "text")));
		List<JudgedQuery> queries = new ArrayList<>();
		Set<String> judged = new LinkedHashSet<>();
		for (Map.Entry<String, Map<String, Integer>> entry : qrels.entrySet()) {
			String text = texts.get(entry.getKey());
			boolean relevant = entry.getValue().values().stream().anyMatch(grade -> grade > 0);
			if (text == null || text.isBlank() || !relevant) {
				continue;
			}
			if (limit > 0 && queries.size() == limit) {
				break;
			}
			queries.add(new JudgedQuery(entry.getKey(), text, entry.getValue()));
			judged.addAll(entry.getValue().keySet());
		}
		if (queries.isEmpty()) {
			throw new IllegalArgumentException("no judged query in " + qrelsFile + " has a positive grade and a text");
		}
		Map<String, DocumentInput> corpus = new LinkedHashMap<>();
		jsonLines(dir.resolve("corpus.jsonl"), node -> {
			String id = text(node, "_id");
			String title = node.has("title") ? node.get("title").asString("").strip() : "";
			String body = text(node, "text").strip();
			String content = title.isEmpty() ? body : (body.isEmpty() ? title : title + "\n\n" + body);
			// A document with no text cannot be ingested (nor retrieved): it only counts against recall.
			if (!content.isBlank()) {
				corpus.put(id, new DocumentInput(id, content, null, null, null));
			}
		});
		List<DocumentInput> documents;
		if (limit > 0) {
			Set<String> kept = new LinkedHashSet<>();
			judged.stream().filter(corpus::containsKey).forEach(kept::add);
			int target = kept.size() * (1 + DISTRACTORS_PER_JUDGED_DOCUMENT);
			for (String id : corpus.keySet()) {
				if (kept.size() >= target) {
					break;
				}
				kept.add(id);
			}
			documents = kept.stream().map(corpus::get).toList();
		}
		else {
			documents = List.copyOf(corpus.values());
		}
		return new BeirDataset(dir.toAbsolutePath().normalize().getFileName().toString(), documents, queries);
	}

	private static Map<String, Map<String, Integer>> qrels(Path file) {
		Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		// The first line is the header (query-id, corpus-id, score).
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String[] parts = line.split("\t");
			if (parts.length < 3) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected query-id, corpus-id, score");
			}
			int grade;
			try {
				grade = Integer.parseInt(parts[2].strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": score '" + parts[2] + "' is not an integer");
			}
			qrels.computeIfAbsent(parts[0].strip(), id -> new LinkedHashMap<>()).merge(parts[1].strip(), grade,
					Math::max);
		}
		return qrels;
	}

	static void jsonLines(Path file, java.util.function.Consumer<JsonNode> consumer) {
		try (BufferedReader reader = Files.newBufferedReader(file)) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				try {
					consumer.accept(JSON.readTree(line));
				}
				catch (RuntimeException ex) {
					throw new IllegalArgumentException(file + " line " + number + ": " + ex.getMessage(), ex);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new IllegalArgumentException("missing '" + field + "'");
		}
		return value.asString();
	}

}
