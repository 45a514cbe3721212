package io.ragwell.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * SciFact claims with their gold rationale sentences, and the corpus split into the sentences those ids
 * refer to ({@code claims/} beside a BEIR SciFact directory: {@code claims_<split>.jsonl},
 * {@code corpus_sentences.jsonl}).
 *
 * @param claims the claims, in file order
 * @param sentences each document's sentences, by document id ({@code " ".join(sentences)} is its text)
 */
public record ClaimsDataset(List<Claim> claims, Map<String, List<String>> sentences) {

	public ClaimsDataset {
		claims = List.copyOf(claims);
		sentences = Map.copyOf(sentences);
	}

	/**
	 * The claims file for a BEIR split: SciFact's dev claims are BEIR's test queries.
	 * @param split {@code test} or {@code train}
	 * @return {@code dev} for {@code test}, the split otherwise
	 */
	static String claimsSplit(String split) {
		return "test".equals(split) ? "dev" : split;
	}

	/**
	 * Reads the claims of a split.
	 * @param dataset the BEIR SciFact directory (the claims are in its {@code claims/} folder)
	 * @param split BEIR split name: {@code test} reads {@code claims_dev.jsonl}
	 * @param ids keep only claims with these ids, in this order, or null for all
	 * @return the claims and every document's sentences
	 * @throws IllegalArgumentException when a file is missing or malformed
	 */
	public static ClaimsDataset read(Path dataset, String split, @org.jspecify.annotations.Nullable List<String> ids) {
		Path dir = dataset.resolve("claims");
		Path claimsFile = dir.resolve("claims_" + claimsSplit(split) + ".jsonl");
		Path sentencesFile = dir.resolve("corpus_sentences.jsonl");
		for (Path required : List.of(claimsFile, sentencesFile)) {
			if (!Files.isRegularFile(required)) {
				throw new IllegalArgumentException("--answers needs SciFact claims: " + required + " is missing");
			}
		}
		Map<String, Claim> byId = new LinkedHashMap<>();
		BeirDataset.jsonLines(claimsFile, node -> {
			Claim claim = claim(node);
			byId.put(claim.id(), claim);
		});
		List<Claim> claims = new ArrayList<>();
		if (ids == null) {
			claims.addAll(byId.values());
		}
		else {
			ids.stream().map(byId::get).filter(Objects::nonNull).forEach(claims::add);
		}
		if (claims.isEmpty()) {
			throw new IllegalArgumentException("no claim of " + claimsFile + " matches the judged queries");
		}
		Map<String, List<String>> sentences = new HashMap<>();
		BeirDataset.jsonLines(sentencesFile, node -> {
			List<String> list = new ArrayList<>();
			node.get("sentences").forEach(sentence -> list.add(sentence.asString()));
			sentences.put(node.get("_id").asString(), List.copyOf(list));
		});
		return new ClaimsDataset(claims, sentences);
	}

	private static Claim claim(JsonNode node) {
		String id = node.get("id").asString();
		String text = node.get("claim").asString();
		Map<String, Set<Integer>> rationales = new LinkedHashMap<>();
		String label = Claim.NOT_ENOUGH_INFO;
		JsonNode evidence = node.path("evidence");
		Iterator<Map.Entry<String, JsonNode>> documents = evidence.properties().iterator();
		while (documents.hasNext()) {
			Map.Entry<String, JsonNode> document = documents.next();
			Set<Integer> ids = new HashSet<>();
			for (JsonNode set : document.getValue()) {
				label = set.get("label").asString();
				set.get("sentences").forEach(sentence -> ids.add(sentence.asInt()));
			}
			rationales.put(document.getKey(), Set.copyOf(ids));
		}
		return new Claim(id, text, label, rationales);
	}

	/**
	 * @param id claim id (the BEIR query id)
	 * @param text the claim, asked as the question
	 * @param label {@code SUPPORT}, {@code CONTRADICT} or {@link #NOT_ENOUGH_INFO}
	 * @param rationales gold rationale sentence indexes (0-based) per evidence document; empty for NEI
	 */
	public record Claim(String id, String text, String label, Map<String, Set<Integer>> rationales) {

		/** The label of a claim whose cited abstracts neither support nor contradict it. */
		public static final String NOT_ENOUGH_INFO = "NOT_ENOUGH_INFO";

		public Claim {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(text, "text");
			Objects.requireNonNull(label, "label");
			rationales = Map.copyOf(rationales);
		}

		/** Whether the corpus holds evidence for or against it: an answerer should answer, not decline. */
		public boolean answerable() {
			return !this.rationales.isEmpty();
		}

	}

}
