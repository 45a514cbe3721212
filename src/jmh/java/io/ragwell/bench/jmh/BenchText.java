package io.ragwell.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded inputs for the JMH benchmarks: SciFact-like text (SciFact itself when {@code ../shared} is there,
 * otherwise seeded pseudo-words with a Zipf-like spread) and random unit vectors.
 */
final class BenchText {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BenchText() {
	}

	/** Up to {@code count} abstracts, as {@code title\n\ntext}. */
	static List<String> abstracts(int count) {
		String shared = System.getenv().getOrDefault("RAGWELL_SHARED_DIR", "../shared");
		Path corpus = Path.of(shared, "datasets/scifact/corpus.jsonl");
		List<String> texts = new ArrayList<>();
		if (Files.isRegularFile(corpus)) {
			try (var lines = Files.lines(corpus)) {
				lines.limit(count).forEach((line) -> {
					var node = JSON.readTree(line);
					texts.add(node.get("title").asString() + "\n\n" + node.get("text").asString());
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		Random random = new Random(7);
		while (texts.size() < count) {
			texts.add(words(random, 150 + random.nextInt(150)));
		}
		return texts;
	}

	/** {@code count} pseudo-words drawn from a 20k-word vocabulary, frequent words far more often. */
	static String words(Random random, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int rank = (int) Math.pow(20_000, random.nextDouble());
			text.append('w').append(Integer.toString(rank, 36)).append(i % 17 == 16 ? ". " : " ");
		}
		return text.toString().strip();
	}

	/** A seeded random unit vector. */
	static float[] unitVector(SplittableRandom random, int dimensions) {
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		float scale = (float) (1 / Math.sqrt(norm));
		for (int i = 0; i < dimensions; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

}
