package io.ragwell.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ragwell.embed.onnx.OnnxModel;

/**
 * The physical limit: the same {@code .onnx} file and {@code tokenizer.json} the service runs, driven
 * directly with ONNX Runtime, nothing else in the way. Tokenisation, the model call and mean pooling are
 * timed; Ragwell's chunking, HTTP, JSON, metadata and Lucene are not.
 *
 * <p>Two shapes: one text per call (what the service does, so vectors never depend on batch neighbours) and
 * padded batches of {@code batch} texts, sorted by length first so padding is minimal (the best case for
 * batching).
 */
final class RawOnnx implements AutoCloseable {

	/** A measured configuration. */
	record Result(String name, int texts, double seconds, float minCosineToSingle) {

		double perSecond() {
			return this.texts / this.seconds;
		}

	}

	private final OnnxModel model;

	private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

	private final OrtSession session;

	private final HuggingFaceTokenizer tokenizer;

	private final int threads;

	RawOnnx(int threads, int intraOpThreads) {
		this(OnnxModel.ALL_MINILM_L6_V2_Q, threads, intraOpThreads);
	}

	RawOnnx(OnnxModel model, int threads, int intraOpThreads) {
		this(model, threads, intraOpThreads, model.maxSequenceLength());
	}

	RawOnnx(int threads, int intraOpThreads, int maxTokens) {
		this(OnnxModel.ALL_MINILM_L6_V2_Q, threads, intraOpThreads, maxTokens);
	}

	/**
	 * @param maxTokens where every text is cut, {@code [CLS]} and {@code [SEP]} included: the model's limit,
	 * or the peer's 128 to measure the limit for the work the peer does
	 */
	RawOnnx(OnnxModel model, int threads, int intraOpThreads, int maxTokens) {
		this.model = model;
		this.threads = threads;
		try (InputStream in = resource(model.tokenizerResource())) {
			this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("addSpecialTokens", "true", "truncation",
					"true", "maxLength", Integer.toString(maxTokens), "padding", "false"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (InputStream in = resource(model.modelResource());
				OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			// intraOpThreads 0: ONNX Runtime's defaults, as LangChain4j creates its session (createSession(bytes)).
			if (intraOpThreads > 0) {
				options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
				options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
				options.setInterOpNumThreads(1);
				options.setIntraOpNumThreads(intraOpThreads);
			}
			this.session = this.environment.createSession(in.readAllBytes(), options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = RawOnnx.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(name + " is not on the classpath");
		}
		return in;
	}

	/** Embeds every text, one per model call; returns the vectors in input order. */
	float[][] single(List<String> texts) {
		float[][] vectors = new float[texts.size()][];
		parallel(texts.size(), (i) -> {
			long[] ids = this.tokenizer.encode(texts.get(i)).getIds();
			vectors[i] = run(new long[][] { ids }, ids.length)[0];
		});
		return vectors;
	}

	/** Embeds every text in padded batches of {@code batch}, sorted by length. */
	float[][] padded(List<String> texts, int batch) {
		int count = texts.size();
		float[][] vectors = new float[count][];
		Integer[] order = new Integer[count];
		long[][] ids = new long[count][];
		// Tokenising inside the timed region, as the single path does; the sort needs every length first.
		parallel(count, (i) -> ids[i] = this.tokenizer.encode(texts.get(i)).getIds());
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
		int groups = Math.ceilDiv(count, batch);
		parallel(groups, (g) -> {
			int from = g * batch;
			int to = Math.min(count, from + batch);
			long[][] rows = new long[to - from][];
			int longest = 0;
			for (int r = from; r < to; r++) {
				rows[r - from] = ids[order[r]];
				longest = Math.max(longest, rows[r - from].length);
			}
			float[][] out = run(rows, longest);
			for (int r = from; r < to; r++) {
				vectors[order[r]] = out[r - from];
			}
		});
		return vectors;
	}

	/**
	 * Wall time of each of {@code texts} embedded alone on the calling thread (tokenise, one model call, pool),
	 * one after another: the model's own latency for one query, what a {@code /search} at one client cannot go
	 * below. Stops at {@code deadlineNanos} ({@link System#nanoTime()}) if that comes first.
	 */
	long[] latencies(List<String> texts, long deadlineNanos) {
		long[] nanos = new long[texts.size()];
		int done = 0;
		for (String text : texts) {
			if (System.nanoTime() > deadlineNanos) {
				break;
			}
			long start = System.nanoTime();
			long[] ids = this.tokenizer.encode(text).getIds();
			run(new long[][] { ids }, ids.length);
			nanos[done++] = System.nanoTime() - start;
		}
		return Arrays.copyOf(nanos, done);
	}

	Result measure(String name, List<String> texts, int batch, float[][] reference) {
		long start = System.nanoTime();
		float[][] vectors = (batch <= 1) ? single(texts) : padded(texts, batch);
		double seconds = (System.nanoTime() - start) / 1e9;
		float minCosine = 1;
		if (reference != null) {
			for (int i = 0; i < vectors.length; i++) {
				minCosine = Math.min(minCosine, dot(vectors[i], reference[i]));
			}
		}
		return new Result(name, texts.size(), seconds, minCosine);
	}

	private static float dot(float[] a, float[] b) {
		float sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	/** One model call over {@code rows} padded to {@code length}; mean-pooled over real tokens, normalised. */
	private float[][] run(long[][] rows, int length) {
		int batch = rows.length;
		long[] inputIds = new long[batch * length];
		long[] mask = new long[batch * length];
		for (int r = 0; r < batch; r++) {
			System.arraycopy(rows[r], 0, inputIds, r * length, rows[r].length);
			Arrays.fill(mask, r * length, r * length + rows[r].length, 1L);
		}
		long[] shape = { batch, length };
		List<OnnxTensor> tensors = new ArrayList<>(3);
		try {
			OnnxTensor ids = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(inputIds), shape);
			tensors.add(ids);
			OnnxTensor attention = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(mask), shape);
			tensors.add(attention);
			OnnxTensor types = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(new long[batch * length]),
					shape);
			tensors.add(types);
			Map<String, OnnxTensor> inputs = this.session.getInputNames().contains("token_type_ids")
					? Map.of("input_ids", ids, "attention_mask", attention, "token_type_ids", types)
					: Map.of("input_ids", ids, "attention_mask", attention);
			try (OrtSession.Result result = this.session.run(inputs)) {
				FloatBuffer hidden = ((OnnxTensor) result.get("last_hidden_state").orElseThrow()).getFloatBuffer();
				int dims = this.model.dimensions();
				float[][] vectors = new float[batch][dims];
				for (int r = 0; r < batch; r++) {
					// The model's own pooling: CLS reads the first position only (bge), MEAN every real token.
					int tokens = (this.model.pooling() == io.ragwell.embed.onnx.Pooling.CLS) ? 1 : rows[r].length;
					for (int t = 0; t < tokens; t++) {
						int base = (r * length + t) * dims;
						for (int d = 0; d < dims; d++) {
							vectors[r][d] += hidden.get(base + d);
						}
					}
					double norm = 0;
					for (int d = 0; d < dims; d++) {
						norm += vectors[r][d] * vectors[r][d];
					}
					float scale = (float) (1 / Math.sqrt(norm));
					for (int d = 0; d < dims; d++) {
						vectors[r][d] *= scale;
					}
				}
				return vectors;
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			tensors.forEach(OnnxTensor::close);
		}
	}

	private void parallel(int tasks, java.util.function.IntConsumer task) {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < this.threads; t++) {
			workers.add(Thread.ofPlatform().name("raw-onnx-" + t).start(() -> {
				int i;
				while ((i = next.getAndIncrement()) < tasks) {
					try {
						task.accept(i);
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
						throw ex;
					}
				}
			}));
		}
		for (Thread worker : workers) {
			try {
				worker.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " raw ONNX task(s) failed");
		}
	}

	@Override
	public void close() {
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			this.tokenizer.close();
		}
	}

}
