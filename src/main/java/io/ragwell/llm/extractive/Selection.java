package io.ragwell.llm.extractive;

/**
 * How the extractive answerer ranks its candidate sentences beyond the question-sentence cosine, and how many
 * sources it quotes from. A sentence's score is
 * {@code cosine + lexicalWeight × bm25 / best bm25 − sourceWeight × source index + positionWeight × position},
 * where the BM25 is the sentence's against the question among the candidates (so the share is in 0..1), the
 * source index is its source's 0-based retrieval rank and the position its place in its chunk (0 first, 1 last).
 * A rationale is usually in the top-ranked source, shares rare words with the question, and in an abstract sits
 * towards the end (results, conclusions): each weight lets one of those signals move a sentence past another
 * of similar cosine. All zero ({@link #COSINE}) ranks by cosine alone.
 *
 * @param lexicalWeight weight of the sentence's BM25 against the question, as a share of the best candidate's
 * @param sourceWeight what each retrieval rank below the first costs a sentence
 * @param positionWeight weight of the sentence's relative place in its chunk
 * @param maxSources the answer quotes sentences from at most this many sources: the sources of its best sentences
 * @param readSources only the sentences of the first this many sources (in retrieval order) are candidates: the
 * others are neither embedded nor quoted. Embedding the sources' sentences is most of an answer's cost
 * @param skipTitles a document's title is not quoted: the opening paragraph of its first chunk when that is a
 * single line holding a single sentence, as a document imported as "title, blank line, text" begins. A title
 * names the topic, so it sits close to any question on it, but it states no finding
 */
public record Selection(double lexicalWeight, double sourceWeight, double positionWeight, int maxSources,
		int readSources, boolean skipTitles) {

	/**
	 * Ranks every source's sentences, titles included, by the question-sentence cosine alone, quoting from any
	 * number of sources.
	 */
	public static final Selection COSINE = new Selection(0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, false);

	public Selection {
		check("lexicalWeight", lexicalWeight);
		check("sourceWeight", sourceWeight);
		check("positionWeight", positionWeight);
		if (maxSources < 1) {
			throw new IllegalArgumentException("maxSources must be >= 1, was " + maxSources);
		}
		if (readSources < 1) {
			throw new IllegalArgumentException("readSources must be >= 1, was " + readSources);
		}
	}

	/**
	 * @param cosine the sentence's cosine with the question
	 * @param lexicalShare its BM25 against the question over the best candidate's, 0..1
	 * @param sourceIndex its source's 0-based position in the request
	 * @param position its relative place in its chunk, 0..1
	 * @return the score sentences are ranked and cut by
	 */
	double score(double cosine, double lexicalShare, int sourceIndex, double position) {
		return cosine + this.lexicalWeight * lexicalShare - this.sourceWeight * sourceIndex
				+ this.positionWeight * position;
	}

	/** Whether the lexical signal is needed at all (it costs a BM25 pass over the candidates). */
	boolean usesLexical() {
		return this.lexicalWeight != 0;
	}

	private static void check(String name, double weight) {
		if (!(weight >= 0 && weight <= 1)) {
			throw new IllegalArgumentException(name + " must be in 0..1, was " + weight);
		}
	}

}
