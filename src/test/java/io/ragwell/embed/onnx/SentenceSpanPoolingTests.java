package io.ragwell.embed.onnx;

import java.nio.FloatBuffer;
import java.util.List;

import io.ragwell.core.Embedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.ragwell.embed.onnx.OnnxEmbedderDifferentialTests.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Sentence vectors pooled from a chunk's own token states ({@link OnnxEmbedder#embedBatchWithSpans}): the
 * character-to-token mapping and the pooling over a fake model output, then the real model.
 */
class SentenceSpanPoolingTests {

	private static OnnxEmbedder miniLm;

	@BeforeAll
	static void load() {
		miniLm = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 4, 1);
	}

	@AfterAll
	static void close() {
		miniLm.close();
	}

	@Test
	void aSpanCoversTheTokensOverlappingItsCharactersShiftedPastCls() {
		// "Cats sleep. Dogs run." as tokens: Cats[0,4) sleep[5,10) .[10,11) Dogs[12,16) run[17,20) .[20,21)
		int[] offsets = { 0, 4, 5, 10, 10, 11, 12, 16, 17, 20, 20, 21 };

		int[] spans = OnnxEmbedder.tokenSpans(offsets, 6, new int[] { 0, 11, 12, 21 });

		// Framed positions: [CLS]=0, Cats=1 ... .=6, [SEP]=7.
		assertThat(spans).containsExactly(1, 4, 4, 7);
	}

	@Test
	void aSpanPastTheModelsInputLimitIsEmptyAndAPartlyCutOneKeepsWhatTheModelSaw() {
		int[] offsets = { 0, 4, 5, 10, 10, 11, 12, 16, 17, 20, 20, 21 };

		// Only the first four tokens reach the model.
		int[] spans = OnnxEmbedder.tokenSpans(offsets, 4, new int[] { 0, 11, 12, 21, 22, 30 });

		assertThat(spans).containsExactly(1, 4, 4, 5, 0, 0);
	}

	@Test
	void aSpanVectorIsTheNormalisedMeanOfItsTokenRows() {
		int dims = 3;
		// Four token rows: [CLS], two sentence tokens, [SEP].
		float[] rows = { 9, 9, 9, 1, 2, 2, 3, 0, 4, -9, -9, -9 };
		float[] out = new float[2 * dims];

		OnnxEmbedder.poolSpan(FloatBuffer.wrap(rows), dims, 1, 3, out, dims);
		OnnxEmbedder.poolSpan(FloatBuffer.wrap(rows), dims, 2, 2, out, 0);

		// Mean of rows 1 and 2 is (2, 1, 3), norm sqrt(14).
		double norm = Math.sqrt(14);
		assertThat(out).containsExactly(new float[] { 0, 0, 0, (float) (2 / norm), (float) (1 / norm),
				(float) (3 / norm) }, within(1e-6f));
	}

	@Test
	void theChunkVectorIsExactlyTheOneWithoutSpansAndEachSentenceIsClosestToItsOwnText() {
		String first = "The mitochondria produce most of the cell's energy supply.";
		String second = "Paris hosted the summer olympic games several times.";
		String third = "Penguins huddle together to keep their eggs warm in winter.";
		String chunk = first + " " + second + "\n\n" + third;
		int secondStart = chunk.indexOf(second);
		int thirdStart = chunk.indexOf(third);
		int[] spans = { 0, first.length(), secondStart, secondStart + second.length(), thirdStart,
				thirdStart + third.length() };

		List<Embedder.WithSpans> results = miniLm.embedBatchWithSpans(List.of(chunk), List.of(spans));

		assertThat(results).hasSize(1);
		Embedder.WithSpans result = results.getFirst();
		assertThat(result.vector()).containsExactly(miniLm.embedBatch(List.of(chunk)).getFirst());
		assertThat(result.spans()).hasNumberOfRows(3);
		List<float[]> alone = miniLm.embedBatch(List.of(first, second, third));
		for (int s = 0; s < 3; s++) {
			float[] pooled = result.spans()[s];
			assertThat(cosine(pooled, pooled)).isCloseTo(1.0, within(1e-5));
			for (int other = 0; other < 3; other++) {
				if (other != s) {
					assertThat(cosine(pooled, alone.get(s))).as("sentence %d against %d", s, other)
						.isGreaterThan(cosine(pooled, alone.get(other)));
				}
			}
		}
	}

}
