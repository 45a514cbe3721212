package io.ragwell.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One vector per sentence of a chunk, pooled at ingestion from the token states of the chunk's own model call
 * ({@link Embedder#embedBatchWithSpans}), so the extractive answerer can score a source's sentences without
 * embedding them at query time. Each sentence is identified by its character span in the chunk's content; the
 * answerer uses the vectors only when its own sentence split of the content gives exactly these spans.
 * <p>
 * Stored compactly: each vector is quantised to one signed byte per dimension with its own scale (the largest
 * absolute component / 127), {@code 12 + dimensions} bytes per sentence (396 at 384 dimensions) against 1,536 as
 * floats. The cosine of two dequantised unit vectors differs from the float one by about 0.002, well below any
 * threshold the answerer uses. Immutable; {@link #toBytes()} / {@link #fromBytes} are the one storage format
 * every store keeps as an opaque value.
 */
public final class SentenceVectors {

	private static final byte FORMAT = 1;

	private static final int HEADER = 1 + Integer.BYTES * 2;

	private static final int PER_SENTENCE = Integer.BYTES * 2 + Float.BYTES;

	/** The encoded form: header, then per sentence its span, scale and quantised components. */
	private final byte[] bytes;

	private final int count;

	private final int dimensions;

	private SentenceVectors(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		if (bytes.length < HEADER || in.get() != FORMAT) {
			throw new IllegalArgumentException("not a sentence-vector encoding (format " + FORMAT + ")");
		}
		this.count = in.getInt();
		this.dimensions = in.getInt();
		if (this.count < 0 || this.dimensions < 1
				|| (long) this.count * (PER_SENTENCE + this.dimensions) + HEADER != bytes.length) {
			throw new IllegalArgumentException("sentence-vector encoding of " + bytes.length + " bytes does not hold "
					+ this.count + " vectors of " + this.dimensions + " dimensions");
		}
		this.bytes = bytes;
	}

	/**
	 * Quantises {@code vectors}.
	 * @param spans {@code [start0, end0, start1, end1, ...]}: each sentence's characters in the chunk's content
	 * @param vectors one L2-normalised vector per span, or an empty one for a span the model saw no token of (past
	 *     its input limit); the others all of {@code dimensions}
	 * @param dimensions the vectors' length
	 * @return the encoded vectors
	 */
	public static SentenceVectors of(int[] spans, float[][] vectors, int dimensions) {
		if (spans.length != vectors.length * 2) {
			throw new IllegalArgumentException(vectors.length + " vectors for " + spans.length / 2 + " spans");
		}
		ByteBuffer out = ByteBuffer.allocate(HEADER + vectors.length * (PER_SENTENCE + dimensions));
		out.put(FORMAT).putInt(vectors.length).putInt(dimensions);
		for (int i = 0; i < vectors.length; i++) {
			out.putInt(spans[2 * i]).putInt(spans[2 * i + 1]);
			float[] vector = vectors[i];
			if (vector.length == 0) {
				// Scale 0 marks "no vector": the answerer embeds this sentence as before.
				out.putFloat(0f);
				out.put(new byte[dimensions]);
				continue;
			}
			if (vector.length != dimensions) {
				throw new IllegalArgumentException("vector " + i + " has " + vector.length + " dimensions, not "
						+ dimensions);
			}
			float max = 0;
			for (float v : vector) {
				max = Math.max(max, Math.abs(v));
			}
			float scale = (max > 0) ? max / 127f : Float.MIN_NORMAL;
			out.putFloat(scale);
			for (float v : vector) {
				out.put((byte) Math.round(v / scale));
			}
		}
		return new SentenceVectors(out.array());
	}

	/** Reads what {@link #toBytes()} wrote. */
	public static SentenceVectors fromBytes(byte[] bytes) {
		return new SentenceVectors(bytes.clone());
	}

	/** The storage form (a copy). */
	public byte[] toBytes() {
		return this.bytes.clone();
	}

	/** Bytes this takes in a store. */
	public int size() {
		return this.bytes.length;
	}

	/** Sentences held. */
	public int count() {
		return this.count;
	}

	public int dimensions() {
		return this.dimensions;
	}

	/** {@code [start0, end0, ...]}, the character spans the vectors were pooled over. */
	public int[] spans() {
		int[] spans = new int[this.count * 2];
		ByteBuffer in = ByteBuffer.wrap(this.bytes);
		for (int i = 0; i < this.count; i++) {
			int at = offset(i);
			spans[2 * i] = in.getInt(at);
			spans[2 * i + 1] = in.getInt(at + Integer.BYTES);
		}
		return spans;
	}

	/**
	 * Sentence {@code i}'s vector, dequantised and L2-normalised again; null when the model saw none of its
	 * tokens.
	 */
	public float @Nullable [] vector(int i) {
		Objects.checkIndex(i, this.count);
		int at = offset(i);
		float scale = ByteBuffer.wrap(this.bytes).getFloat(at + Integer.BYTES * 2);
		if (scale == 0f) {
			return null;
		}
		float[] vector = new float[this.dimensions];
		int base = at + PER_SENTENCE;
		double sum = 0;
		for (int d = 0; d < this.dimensions; d++) {
			vector[d] = this.bytes[base + d] * scale;
			sum += vector[d] * vector[d];
		}
		float norm = (float) Math.sqrt(sum);
		if (norm > 0) {
			for (int d = 0; d < this.dimensions; d++) {
				vector[d] /= norm;
			}
		}
		return vector;
	}

	private int offset(int i) {
		return HEADER + i * (PER_SENTENCE + this.dimensions);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SentenceVectors that && Arrays.equals(this.bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		// Never the vectors: chunks are logged at debug level and compared in test failures.
		return "SentenceVectors[" + this.count + " x " + this.dimensions + "]";
	}

}
