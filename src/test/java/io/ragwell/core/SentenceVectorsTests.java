package io.ragwell.core;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SentenceVectorsTests {

	@Test
	void roundTripsSpansAndVectorsWithinTheQuantisationError() {
		Random random = new Random(7);
		float[][] vectors = { unit(random, 384), new float[0], unit(random, 384) };
		int[] spans = { 0, 40, 41, 90, 92, 150 };

		SentenceVectors encoded = SentenceVectors.of(spans, vectors, 384);
		SentenceVectors read = SentenceVectors.fromBytes(encoded.toBytes());

		assertThat(read).isEqualTo(encoded);
		assertThat(read.count()).isEqualTo(3);
		assertThat(read.dimensions()).isEqualTo(384);
		assertThat(read.spans()).containsExactly(spans);
		assertThat(read.size()).isEqualTo(9 + 3 * (12 + 384));
		assertThat(read.vector(1)).isNull();
		for (int i : new int[] { 0, 2 }) {
			float[] back = read.vector(i);
			assertThat(back).hasSize(384);
			assertThat(dot(back, back)).isCloseTo(1.0, within(1e-5));
			// int8 with a per-vector scale: the cosine with the original stays within a few thousandths.
			assertThat(dot(back, vectors[i])).isGreaterThan(0.999);
		}
		// And cosines between quantised vectors stay close to the float ones.
		float[] other = unit(random, 384);
		SentenceVectors one = SentenceVectors.of(new int[] { 0, 1 }, new float[][] { other }, 384);
		assertThat(dot(read.vector(0), one.vector(0))).isCloseTo(dot(vectors[0], other), within(0.01));
	}

	@Test
	void refusesBytesThatAreNotAnEncodingAndVectorsThatDoNotMatchTheSpans() {
		assertThatIllegalArgumentException().isThrownBy(() -> SentenceVectors.fromBytes(new byte[] { 1, 0, 0 }));
		byte[] truncated = SentenceVectors.of(new int[] { 0, 3 }, new float[][] { { 1, 0 } }, 2).toBytes();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SentenceVectors.fromBytes(java.util.Arrays.copyOf(truncated, truncated.length - 1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SentenceVectors.of(new int[] { 0, 3, 4, 5 }, new float[][] { { 1, 0 } }, 2));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SentenceVectors.of(new int[] { 0, 3 }, new float[][] { { 1, 0, 0 } }, 2));
	}

	private static float[] unit(Random random, int dims) {
		float[] vector = new float[dims];
		double sum = 0;
		for (int d = 0; d < dims; d++) {
			vector[d] = (float) random.nextGaussian();
			sum += vector[d] * vector[d];
		}
		for (int d = 0; d < dims; d++) {
			vector[d] /= (float) Math.sqrt(sum);
		}
		return vector;
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (double) a[i] * b[i];
		}
		return sum;
	}

}
