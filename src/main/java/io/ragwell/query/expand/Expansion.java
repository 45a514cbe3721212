package io.ragwell.query.expand;

import java.util.Locale;

/** How a question is expanded before retrieval ({@code ragwell.query.expansion}). */
public enum Expansion {

	/** The question as asked. */
	NONE,
	/** The LLM's paraphrases are retrieved too, and all the rankings fused by reciprocal rank fusion. */
	MULTI_QUERY,
	/**
	 * Hypothetical document embeddings (Gao et al., ACL 2023): the LLM writes a passage answering the question,
	 * and its embedding, closer to real answers than the question's, drives the dense search.
	 */
	HYDE;

	/**
	 * @param value {@code none}, {@code multi-query} or {@code hyde}, any case
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static Expansion parse(String value) {
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "none" -> NONE;
			case "multi-query", "multi_query" -> MULTI_QUERY;
			case "hyde" -> HYDE;
			default -> throw new IllegalArgumentException(
					"expansion must be one of none, multi-query, hyde; was '" + value + "'");
		};
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
