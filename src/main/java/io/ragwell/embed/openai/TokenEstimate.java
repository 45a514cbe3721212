package io.ragwell.embed.openai;

/**
 * Estimates how many tokens an OpenAI-compatible embedding model reads in a text, without its tokenizer:
 * none ships with this service, and a remote server's model (OpenAI's cl100k, or whatever Ollama or vLLM
 * serves) is not known here anyway.
 * <p>
 * The estimate leans high, because it decides whether an input and a request fit the provider's limits and
 * an over-long input is rejected rather than truncated. Byte-pair vocabularies trained on English hold a
 * common word with its leading space as one token and spend about one token per four characters of rarer
 * words, one per punctuation mark, and about one per character of non-Latin scripts. So:
 * <ul>
 * <li>a run of ASCII letters and digits costs {@code ceil(length / 4)} tokens (a common long word is
 * over-counted, never under-counted);</li>
 * <li>whitespace costs nothing, as it merges into the following token;</li>
 * <li>every ASCII punctuation mark or symbol and every non-ASCII code point costs one token (CJK characters
 * cost one or two in cl100k; accented letters inside Latin words are over-counted).</li>
 * </ul>
 * On English prose this comes to one token per 3.3 to 4 characters: a little above OpenAI's published rule of
 * thumb (one token per four characters), as intended.
 */
public final class TokenEstimate {

	/** Characters of an ASCII word per token: OpenAI's published average for English text. */
	static final int CHARS_PER_TOKEN = 4;

	private TokenEstimate() {
	}

	/**
	 * @param text any text
	 * @return the estimated token count, 0 only for an empty or all-whitespace text
	 */
	public static int count(String text) {
		int tokens = 0;
		int wordLength = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (codePoint < 128 && Character.isLetterOrDigit(codePoint)) {
				wordLength++;
				continue;
			}
			tokens += wordTokens(wordLength);
			wordLength = 0;
			if (!Character.isWhitespace(codePoint)) {
				tokens++;
			}
		}
		return tokens + wordTokens(wordLength);
	}

	private static int wordTokens(int length) {
		return (length + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
	}

}
