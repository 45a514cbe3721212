package io.ragwell.query.expand;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.ragwell.core.LlmClient;

/**
 * Asks the LLM for what query expansion needs: paraphrases of the question, or a passage that would answer
 * it. The prompts and the parsing of the replies are static so they can be tested without a model.
 */
public final class ExpansionPrompts {

	/** Leading list markers a model puts before each line: "1.", "2)", "-", "*", "•". */
	private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:\\d+[.):]|[-*•])\\s*");

	/** Paraphrases longer than this are a model rambling, not a search query. */
	private static final int MAX_PARAPHRASE_CHARS = 500;

	private final LlmClient llm;

	public ExpansionPrompts(LlmClient llm) {
		this.llm = llm;
	}

	/**
	 * @param question the user's question
	 * @param count paraphrases wanted, 1 or more
	 * @return up to {@code count} distinct paraphrases, none equal to the question; possibly fewer (or none)
	 * when the model returned fewer usable lines
	 */
	public List<String> paraphrases(String question, int count) {
		return parseParaphrases(this.llm.complete(paraphrasePrompt(question, count)).text(), question, count);
	}

	/** A short passage answering {@code question}, written by the model; blank when it wrote nothing. */
	public String hypotheticalPassage(String question) {
		return this.llm.complete(hydePrompt(question)).text().strip();
	}

	/**
	 * @param question the user's question
	 * @param count paraphrases wanted
	 * @return the instruction asking for one paraphrase per line and nothing else
	 */
	public static String paraphrasePrompt(String question, int count) {
		return "Write " + count + " different search queries that ask for the same information as the question"
				+ " below, using other words and synonyms. Write one query per line, with no numbering and no other"
				+ " text.\n\nQuestion: " + question;
	}

	/**
	 * @param question the user's question
	 * @return the instruction asking for a passage that answers it
	 */
	public static String hydePrompt(String question) {
		return "Write a short passage, of about 100 words, in the style of a scientific or encyclopedic text, that"
				+ " answers the question below. Write only the passage.\n\nQuestion: " + question;
	}

	/**
	 * Reads paraphrases from a model's reply: one per line, list markers and surrounding quotes removed, blank
	 * lines, duplicates (ignoring case) and repeats of the question dropped.
	 * @param reply the model's text
	 * @param question the original question, which is never returned as a paraphrase
	 * @param count the most to return
	 * @return the paraphrases in the order the model wrote them
	 */
	public static List<String> parseParaphrases(String reply, String question, int count) {
		Set<String> seen = new LinkedHashSet<>();
		seen.add(normalise(question));
		List<String> paraphrases = new ArrayList<>();
		for (String line : reply.split("\\R")) {
			if (paraphrases.size() == count) {
				break;
			}
			String cleaned = LIST_MARKER.matcher(line).replaceFirst("").strip();
			if (cleaned.length() >= 2 && (cleaned.startsWith("\"") && cleaned.endsWith("\""))) {
				cleaned = cleaned.substring(1, cleaned.length() - 1).strip();
			}
			if (cleaned.isEmpty() || cleaned.length() > MAX_PARAPHRASE_CHARS || !seen.add(normalise(cleaned))) {
				continue;
			}
			paraphrases.add(cleaned);
		}
		return List.copyOf(paraphrases);
	}

	private static String normalise(String text) {
		return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

}
