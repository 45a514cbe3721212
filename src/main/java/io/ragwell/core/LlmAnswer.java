package io.ragwell.core;

import java.util.Locale;

/**
 * @param text the answer, citing sources as {@code [n]}; {@link #ABSTENTION} when the answerer declined
 * @param promptTokens tokens read (the prompt, or for the extractive answerer the context it scanned)
 * @param completionTokens tokens written
 * @param abstained whether the answerer declined because the sources do not answer the question (the text is
 * then {@link #ABSTENTION} and cites nothing)
 * @param relevance how well the best source sentence matches the question (the extractive answerer's cosine,
 * the signal its abstention threshold is set on), or {@code NaN} when the answerer has no such score
 */
public record LlmAnswer(String text, int promptTokens, int completionTokens, boolean abstained, double relevance) {

	/**
	 * The answer of every answerer that declines: one fixed sentence, so a client can detect it by equality as
	 * well as by the response's {@code abstained} flag. OpenAI-compatible models are told to reply with it.
	 */
	public static final String ABSTENTION = "The sources do not answer this question.";

	/** An answer (not an abstention) with no relevance score. */
	public LlmAnswer(String text, int promptTokens, int completionTokens) {
		this(text, promptTokens, completionTokens, false, Double.NaN);
	}

	/**
	 * An abstention.
	 * @param promptTokens tokens read before declining
	 * @param relevance the best sentence's score, or {@code NaN}
	 * @return the fixed abstention answer
	 */
	public static LlmAnswer abstention(int promptTokens, double relevance) {
		return new LlmAnswer(ABSTENTION, promptTokens, 0, true, relevance);
	}

	/**
	 * Whether a generative model's text is the abstention: the fixed sentence, ignoring case, surrounding
	 * whitespace, quotes and a missing final full stop (models add or drop those).
	 * @param text the model's answer
	 * @return true when it declines
	 */
	public static boolean isAbstention(String text) {
		String normalised = text.strip().replaceAll("^[\"'`*]+|[\"'`*]+$", "").strip().toLowerCase(Locale.ROOT);
		String fixed = ABSTENTION.toLowerCase(Locale.ROOT);
		return normalised.equals(fixed) || normalised.equals(fixed.substring(0, fixed.length() - 1));
	}

	public int totalTokens() {
		return this.promptTokens + this.completionTokens;
	}

}
