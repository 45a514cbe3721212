package io.ragwell.store.lucene;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Chunk;
import io.ragwell.core.Document;
import io.ragwell.core.EmbeddedChunk;
import org.jspecify.annotations.Nullable;

/** Seeded vectors and small documents for the Lucene store tests. */
final class StoreFixtures {

	static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456789Z");

	static final Instant UPDATED = Instant.parse("2026-02-03T04:05:06Z");

	private StoreFixtures() {
	}

	/** A random direction: Gaussian components, L2-normalised. */
	static float[] unitVector(Random random, int dimensions) {
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		float scale = (float) (1.0 / Math.sqrt(norm));
		for (int i = 0; i < dimensions; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (double) a[i] * b[i];
		}
		return sum;
	}

	static Document document(String namespace, String id, Map<String, Object> metadata, @Nullable String source,
			List<String> chunkTexts) {
		return new Document(id, namespace, String.join("\n\n", chunkTexts), metadata, source, CREATED, UPDATED);
	}

	/** One chunk per text, inheriting the document's metadata and source, with fresh random vectors. */
	static List<EmbeddedChunk> chunks(Document document, List<String> texts, Random random, int dimensions) {
		List<EmbeddedChunk> chunks = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			chunks.add(new EmbeddedChunk(chunk(document, i, texts.get(i), document.metadata()),
					unitVector(random, dimensions)));
		}
		return chunks;
	}

	static Chunk chunk(Document document, int position, String text, Map<String, Object> metadata) {
		return new Chunk(Chunk.idFor(document.id(), position), document.id(), text, position, metadata,
				text.split("\\s+").length, document.source(), "hash-" + text.hashCode());
	}

}
