package io.ragwell.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/** Reads BEIR SciFact from {@code ../shared/datasets/scifact} in place. */
public final class SciFact {

	public record Doc(String id, String title, String text) {

		public String content() {
			return this.title + "\n\n" + this.text;
		}

	}

	private SciFact() {
	}

	public static Path dir() {
		return SharedData.resolve("datasets/scifact");
	}

	public static Map<String, Doc> corpus() {
		Map<String, Doc> docs = new LinkedHashMap<>();
		try (BufferedReader reader = Files.newBufferedReader(dir().resolve("corpus.jsonl"))) {
			String line;
			while ((line = reader.readLine()) != null) {
				JsonNode node = RagwellHttp.JSON.readTree(line);
				docs.put(node.get("_id").asString(), new Doc(node.get("_id").asString(),
						node.get("title").asString(), node.get("text").asString()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return docs;
	}

	public static Map<String, String> queries() {
		Map<String, String> queries = new LinkedHashMap<>();
		try (BufferedReader reader = Files.newBufferedReader(dir().resolve("queries.jsonl"))) {
			String line;
			while ((line = reader.readLine()) != null) {
				JsonNode node = RagwellHttp.JSON.readTree(line);
				queries.put(node.get("_id").asString(), node.get("text").asString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return queries;
	}

	/** Query id → relevant doc ids, for {@code split} ("test" or "train"), in file order. */
	public static Map<String, Set<String>> qrels(String split) {
		Map<String, Set<String>> qrels = new TreeMap<>(java.util.Comparator.comparingLong(Long::parseLong));
		try {
			List<String> lines = Files.readAllLines(dir().resolve("qrels").resolve(split + ".tsv"));
			for (String line : lines.subList(1, lines.size())) {
				String[] parts = line.split("\t");
				if (parts.length >= 3 && Integer.parseInt(parts[2].trim()) > 0) {
					qrels.computeIfAbsent(parts[0].trim(), k -> new LinkedHashSet<>()).add(parts[1].trim());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return qrels;
	}

	/**
	 * A slice for end-to-end tests: the first {@code queryCount} judged test queries, every document judged
	 * relevant to them, filled up to {@code docCount} with other corpus documents in corpus order (distractors).
	 */
	public static Slice slice(int queryCount, int docCount) {
		Map<String, Doc> corpus = corpus();
		Map<String, String> queries = queries();
		Map<String, Set<String>> qrels = new LinkedHashMap<>();
		Set<String> docIds = new LinkedHashSet<>();
		for (Map.Entry<String, Set<String>> entry : qrels("test").entrySet()) {
			if (qrels.size() == queryCount) {
				break;
			}
			qrels.put(entry.getKey(), entry.getValue());
			docIds.addAll(entry.getValue());
		}
		for (String id : corpus.keySet()) {
			if (docIds.size() >= docCount) {
				break;
			}
			docIds.add(id);
		}
		List<Doc> docs = new ArrayList<>();
		docIds.forEach(id -> docs.add(corpus.get(id)));
		Map<String, String> sliceQueries = new LinkedHashMap<>();
		qrels.keySet().forEach(id -> sliceQueries.put(id, queries.get(id)));
		return new Slice(docs, sliceQueries, qrels);
	}

	public record Slice(List<Doc> docs, Map<String, String> queries, Map<String, Set<String>> qrels) {
	}

}
