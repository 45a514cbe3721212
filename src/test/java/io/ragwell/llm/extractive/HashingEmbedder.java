package io.ragwell.llm.extractive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ragwell.core.Embedder;

/**
 * A deterministic bag-of-words embedder: each content word adds one to a hashed dimension, and the vector is
 * scaled to unit length. Sentences sharing words with the question score higher, which is all the
 * extractive answerer's tests need.
 */
final class HashingEmbedder implements Embedder {

	private static final int DIMENSIONS = 1024;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]+");

	// Without these every English sentence would resemble every question.
	private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "is", "are", "was", "of", "in", "on",
			"to", "and", "or", "it", "its", "for", "how", "what", "do", "does", "by", "with", "be", "this", "that",
			"after", "long");

	final AtomicInteger batchCalls = new AtomicInteger();

	/** Every text embedBatch was given, in order. */
	final List<String> embedded = new java.util.concurrent.CopyOnWriteArrayList<>();

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		this.batchCalls.incrementAndGet();
		this.embedded.addAll(texts);
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (String text : texts) {
			vectors.add(vector(text));
		}
		return vectors;
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

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	@Override
	public String modelName() {
		return "hashing-bow";
	}

	/** One token per whitespace-separated word: simple, and different for every text length. */
	@Override
	public int countTokens(String text) {
		String trimmed = text.strip();
		return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
	}

	@Override
	public int maxInputTokens() {
		return 512;
	}

}
