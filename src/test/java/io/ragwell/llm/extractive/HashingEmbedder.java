package io.ragwell.llm.extractive;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ragwell.support.FakeEmbedder;

/**
 * Deterministic bag-of-words vectors for a {@link FakeEmbedder}: each content word adds one to a hashed
 * dimension, and the vector is scaled to unit length. Sentences sharing words with the question score higher,
 * which is all the extractive answerer's tests need.
 */
final class HashingEmbedder {

	private static final int DIMENSIONS = 1024;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]+");

	// Without these every English sentence would resemble every question.
	private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "is", "are", "was", "of", "in", "on",
			"to", "and", "or", "it", "its", "for", "how", "what", "do", "does", "by", "with", "be", "this", "that",
			"after", "long");

	private HashingEmbedder() {
	}

	/** Counts its batches and records the passages it embeds. */
	static FakeEmbedder create() {
		return FakeEmbedder.of("hashing-bow", DIMENSIONS, HashingEmbedder::vector);
	}

	static float[] vector(String text) {
		float[] vector = new float[DIMENSIONS];
		Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (words.find()) {
			String word = words.group();
			if (!STOPWORDS.contains(word)) {
				vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
			}
		}
		double norm = 0;
		for (float v : vector) {
			norm += v * v;
		}
		if (norm > 0) {
			float scale = (float) (1 / Math.sqrt(norm));
			for (int i = 0; i < vector.length; i++) {
				vector[i] *= scale;
			}
		}
		return vector;
	}

}
