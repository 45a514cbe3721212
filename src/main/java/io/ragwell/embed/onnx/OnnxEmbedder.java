package io.ragwell.embed.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ragwell.core.Embedder;
import io.ragwell.core.Health;
import io.ragwell.core.Tokenizer;
import org.jspecify.annotations.Nullable;

/**
 * Embeds text in process with ONNX Runtime and the model's Hugging Face tokenizer.
 *
 * <p>A batch call tokenizes every text once, sorts the texts longest first, and lets the threads of a small
 * fixed pool ({@code ragwell-embed-N}) pull them one at a time, queries ahead of ingestion, each request
 * {@code batchSize} texts per turn; the queue is bounded and drops the texts of callers that stopped waiting.
 * See {@link ModelQueue}.
 * Each text is its own unpadded model call, so its vector never depends on what it was batched with; see
 * {@link #runOne}. Results come back in input
 * order, pooled as the model expects and L2-normalised. Texts longer than {@link #maxInputTokens()} are
 * truncated, keeping {@code [CLS]} and {@code [SEP]}.
 *
 * <p>Thread-safe. {@link #close()} releases the native session, the tokenizer and the pool.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

	/**
	 * Texts not yet started per priority class when none is configured: about half a minute of work for two
	 * model threads at the 60-70 texts/s they reach on SciFact chunks, and eight times the largest ingest
	 * batch the benchmark sends.
	 */
	public static final int DEFAULT_MAX_QUEUED_TEXTS = 2048;

	/** A query that has not started after this long is not worth answering; an ingest gets turns well within it. */
	public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(30);

	private static final String OUTPUT = "last_hidden_state";

	private static final String TOKEN_TYPE_IDS = "token_type_ids";

	private final OnnxModel model;

	private final int threads;

	private final int intraOpThreads;

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final boolean needsTokenTypeIds;

	private final HuggingFaceTokenizer tokenizer;

	/** The same tokenizer in plain Java for the text it covers; null if the model's is not BERT WordPiece. */
	private final @Nullable BertWordPiece wordPiece;

	private final long clsId;

	private final long sepId;

	private final ModelQueue queue;

	/** {@code 1} per position: every attention-mask prefix is a read-only view of it. */
	private final LongBuffer ones;

	/** {@code 0} per position, for the token-type ids. */
	private final LongBuffer zeros;

	/**
	 * The token spans to pool for the inputs of {@link #embedBatchWithSpans} calls in flight, keyed by the framed
	 * ids array itself (arrays hash and compare by identity), so {@link #runOne} finds them for exactly those
	 * inputs without the queue carrying them.
	 */
	private final Map<long[], int[]> spanInputs = new ConcurrentHashMap<>();

	/** One set per model slot ({@link ModelQueue}): whoever holds the slot uses its buffers. */
	private final Buffers[] buffers;

	/**
	 * Loads {@code model} with ONNX Runtime intra-op threads chosen so that {@code threads} concurrent
	 * model calls together use every core once.
	 * @param model the model to load from the classpath
	 * @param batchSize most texts a request takes in one turn before the next request of its priority
	 * @param threads model calls in flight at once
	 */
	public OnnxEmbedder(OnnxModel model, int batchSize, int threads) {
		this(model, batchSize, threads, Math.max(1, Runtime.getRuntime().availableProcessors() / threads));
	}

	/**
	 * Loads {@code model} with an explicit number of ONNX Runtime intra-op threads per model call.
	 * @param model the model to load from the classpath
	 * @param batchSize most texts a request takes in one turn before the next request of its priority
	 * @param threads model calls in flight at once
	 * @param intraOpThreads threads ONNX Runtime uses inside one model call
	 */
	public OnnxEmbedder(OnnxModel model, int batchSize, int threads, int intraOpThreads) {
		this(model, batchSize, threads, intraOpThreads, DEFAULT_MAX_QUEUED_TEXTS, DEFAULT_QUEUE_TIMEOUT);
	}

	/**
	 * Loads {@code model} with explicit queue bounds.
	 * @param model the model to load from the classpath
	 * @param batchSize most texts a request takes in one turn before the next request of its priority
	 * @param threads model calls in flight at once
	 * @param intraOpThreads threads ONNX Runtime uses inside one model call
	 * @param maxQueuedTexts texts not yet started each priority class holds before refusing more
	 * @param queueTimeout longest a request waits without one of its texts starting
	 * @see ModelQueue
	 */
	public OnnxEmbedder(OnnxModel model, int batchSize, int threads, int intraOpThreads, int maxQueuedTexts,
			Duration queueTimeout) {
		this(model, batchSize, threads, intraOpThreads, maxQueuedTexts, queueTimeout, true);
	}

	/**
	 * Loads {@code model} with explicit queue bounds and a choice of ONNX Runtime's CPU memory arena.
	 * @param model the model to load from the classpath
	 * @param batchSize most texts a request takes in one turn before the next request of its priority
	 * @param threads model calls in flight at once
	 * @param intraOpThreads threads ONNX Runtime uses inside one model call
	 * @param maxQueuedTexts texts not yet started each priority class holds before refusing more
	 * @param queueTimeout longest a request waits without one of its texts starting
	 * @param cpuArena keep ONNX Runtime's CPU arena: native memory it grows to (in chunks that double) for the
	 *     largest calls is kept for reuse and never returned; off, each call's tensors are allocated and freed
	 *     with the call, so native memory is bounded by the calls in flight
	 * @see ModelQueue
	 */
	public OnnxEmbedder(OnnxModel model, int batchSize, int threads, int intraOpThreads, int maxQueuedTexts,
			Duration queueTimeout, boolean cpuArena) {
		this(model, batchSize, threads, intraOpThreads, maxQueuedTexts, queueTimeout, cpuArena, false);
	}

	/**
	 * Loads {@code model} with every queue and session choice explicit.
	 * @param model the model to load from the classpath
	 * @param batchSize most texts a request takes in one turn before the next request of its priority
	 * @param threads model calls in flight at once
	 * @param intraOpThreads threads ONNX Runtime uses inside one model call
	 * @param maxQueuedTexts texts not yet started each priority class holds before refusing more
	 * @param queueTimeout longest a request waits without one of its texts starting
	 * @param cpuArena keep ONNX Runtime's CPU arena (see the constructor above)
	 * @param callerRuns a lone query that finds a model slot free runs on its caller's thread ({@link ModelQueue})
	 */
	public OnnxEmbedder(OnnxModel model, int batchSize, int threads, int intraOpThreads, int maxQueuedTexts,
			Duration queueTimeout, boolean cpuArena, boolean callerRuns) {
		if (batchSize < 1 || threads < 1 || intraOpThreads < 1 || maxQueuedTexts < 1 || !queueTimeout.isPositive()) {
			throw new IllegalArgumentException("batchSize, threads, intraOpThreads and maxQueuedTexts must be >= 1 "
					+ "and queueTimeout positive, were " + batchSize + ", " + threads + ", " + intraOpThreads + ", "
					+ maxQueuedTexts + ", " + queueTimeout);
		}
		this.model = model;
		this.threads = threads;
		this.intraOpThreads = intraOpThreads;
		this.environment = OrtEnvironment.getEnvironment();
		this.tokenizer = loadTokenizer(model);
		this.wordPiece = BertWordPiece.fromResource(model.tokenizerResource()).orElse(null);
		try {
			this.session = createSession(model, intraOpThreads, cpuArena);
			if (!this.session.getOutputNames().contains(OUTPUT)) {
				throw new IllegalStateException(
						model.modelResource() + " has no '" + OUTPUT + "' output: " + this.session.getOutputNames());
			}
			this.needsTokenTypeIds = this.session.getInputNames().contains(TOKEN_TYPE_IDS);
			// The post-processor of a BERT tokenizer adds exactly [CLS] ... [SEP]; read their ids from it
			// rather than hard-coding vocabulary positions.
			long[] specials = this.tokenizer.encode("", true, false).getIds();
			if (specials.length != 2) {
				throw new IllegalStateException(model.tokenizerResource()
						+ " does not frame an input with exactly [CLS] and [SEP]: " + Arrays.toString(specials));
			}
			this.clsId = specials[0];
			this.sepId = specials[1];
		}
		catch (OrtException | RuntimeException ex) {
			this.tokenizer.close();
			throw (ex instanceof RuntimeException rex) ? rex
					: new IllegalStateException("Cannot load " + model.modelResource(), ex);
		}
		long[] ones = new long[model.maxSequenceLength()];
		Arrays.fill(ones, 1L);
		this.ones = directLongs(ones.length).put(ones).flip();
		this.zeros = directLongs(ones.length);
		this.buffers = new Buffers[threads];
		for (int slot = 0; slot < threads; slot++) {
			this.buffers[slot] = new Buffers(model);
		}
		this.queue = new ModelQueue(this::runOne, threads, batchSize, maxQueuedTexts, queueTimeout, callerRuns);
	}

	private static HuggingFaceTokenizer loadTokenizer(OnnxModel model) {
		// The bundled tokenizer.json files carry their own truncation and padding (the MiniLM one truncates
		// and pads to 128). Switch both off: countTokens must see every token, and embedBatch truncates at
		// the model's real limit itself and never pads (one text per model call). Special tokens are added
		// by hand so that truncation keeps [SEP].
		Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding",
				"false");
		try (InputStream in = resource(model.tokenizerResource())) {
			return HuggingFaceTokenizer.newInstance(in, options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + model.tokenizerResource(), ex);
		}
	}

	private OrtSession createSession(OnnxModel model, int intraOpThreads, boolean cpuArena) throws OrtException {
		byte[] bytes;
		try (InputStream in = resource(model.modelResource())) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + model.modelResource(), ex);
		}
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			// A BERT encoder is one chain of operators: parallel operator scheduling has nothing to overlap,
			// so parallelism comes from intra-op threads and from concurrent batches instead.
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.setInterOpNumThreads(1);
			options.setIntraOpNumThreads(intraOpThreads);
			// On although every input has its own length: planning one block per shape costs less than
			// allocating tensor by tensor. Off, the same SciFact chunks ran 18 % slower (104 vs 124
			// texts/s on 2 threads; EmbedderVsRaw).
			options.setMemoryPatternOptimization(true);
			options.setCPUArenaAllocator(cpuArena);
			return this.environment.createSession(bytes, options);
		}
	}

	private static InputStream resource(String name) {
		InputStream in = OnnxEmbedder.class.getClassLoader().getResourceAsStream(name);
		if (in == null) {
			throw new IllegalStateException(
					"Model resource '" + name + "' is not on the classpath (is the langchain4j-embeddings jar missing?)");
		}
		return in;
	}

	@Override
	public float[] embed(String text) {
		return embedBatch(List.of(text), Priority.INTERACTIVE).getFirst();
	}

	@Override
	public float[] embedQuery(String text) {
		return embedBatch(List.of(this.model.queryPrefix() + text), Priority.INTERACTIVE).getFirst();
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		return embedBatch(texts, Priority.BULK);
	}

	@Override
	public List<float[]> embedBatch(List<String> texts, Priority priority) {
		int count = texts.size();
		if (count == 0) {
			return List.of();
		}
		long[][] inputIds = new long[count][];
		Integer[] order = new Integer[count];
		for (int i = 0; i < count; i++) {
			inputIds[i] = frame(tokenIds(texts.get(i)));
			order[i] = i;
		}
		// Longest first: the long texts start first and short ones fill the tail, so the threads finish
		// within one short text of each other.
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> inputIds[i].length).reversed());
		// The model slots bound the model calls in flight (and own the native buffers). With callerRuns, a lone
		// query that finds a slot free runs on its caller's thread (two thread hand-offs saved; a virtual caller
		// pins its carrier for the few milliseconds of the native call, the CPU work a model thread would have
		// done meanwhile); everything else runs on the model threads.
		float[][] vectors = this.queue.embed(inputIds, Arrays.stream(order).mapToInt(Integer::intValue).toArray(),
				priority);
		return Arrays.asList(vectors);
	}

	/**
	 * One model call per text as {@link #embedBatch(List)} makes it (ingestion's lane), and from the token states
	 * of that same call a mean-pooled, L2-normalised vector per character span: the tokens pooled for a span are
	 * those overlapping its characters, without {@code [CLS]} and {@code [SEP]}, whatever the model's own pooling.
	 */
	@Override
	public List<WithSpans> embedBatchWithSpans(List<String> texts, List<int[]> spans) {
		int count = texts.size();
		if (spans.size() != count) {
			throw new IllegalArgumentException(spans.size() + " span lists for " + count + " texts");
		}
		if (count == 0) {
			return List.of();
		}
		long[][] inputIds = new long[count][];
		Integer[] order = new Integer[count];
		int[] spanCounts = new int[count];
		for (int i = 0; i < count; i++) {
			String text = texts.get(i);
			BertWordPiece.Tokens tokens = (this.wordPiece != null) ? this.wordPiece.encode(text) : null;
			long[] ids = (tokens != null) ? tokens.ids() : encoded(text, TokenizersLibrary.LIB::getTokenIds);
			int[] offsets = (tokens != null) ? tokens.offsets() : tokenOffsets(text);
			inputIds[i] = frame(ids);
			int[] charSpans = spans.get(i);
			spanCounts[i] = charSpans.length / 2;
			this.spanInputs.put(inputIds[i], tokenSpans(offsets, inputIds[i].length - 2, charSpans));
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingInt((Integer i) -> inputIds[i].length).reversed());
		float[][] pooled;
		try {
			pooled = this.queue.embed(inputIds, Arrays.stream(order).mapToInt(Integer::intValue).toArray(),
					Priority.BULK);
		}
		finally {
			for (long[] ids : inputIds) {
				this.spanInputs.remove(ids);
			}
		}
		int dims = this.model.dimensions();
		List<WithSpans> results = new java.util.ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			float[] all = pooled[i];
			float[] vector = Arrays.copyOf(all, dims);
			float[][] spanVectors = new float[spanCounts[i]][];
			for (int s = 0; s < spanCounts[i]; s++) {
				float[] spanVector = Arrays.copyOfRange(all, (s + 1) * dims, (s + 2) * dims);
				// All zeros: the span had no token the model saw.
				spanVectors[s] = isZero(spanVector) ? new float[0] : spanVector;
			}
			results.add(new WithSpans(vector, spanVectors));
		}
		return results;
	}

	private static boolean isZero(float[] vector) {
		for (float v : vector) {
			if (v != 0f) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The framed token positions {@code [from, to)} of each character span: the tokens (among the first
	 * {@code kept}, those the model sees) whose characters overlap the span, shifted by one for {@code [CLS]};
	 * {@code from == to} when none does.
	 * @param offsets {@link Tokenizer#tokenOffsets} of the text
	 * @param kept tokens the model sees (the rest were cut at its input limit)
	 * @param charSpans {@code [start0, end0, ...]} in the text
	 * @return {@code [from0, to0, ...]}
	 */
	static int[] tokenSpans(int[] offsets, int kept, int[] charSpans) {
		int[] tokenSpans = new int[charSpans.length];
		for (int s = 0; s + 1 < charSpans.length; s += 2) {
			int start = charSpans[s];
			int end = charSpans[s + 1];
			int from = -1;
			int to = -1;
			for (int t = 0; t < kept; t++) {
				if (offsets[2 * t] < end && offsets[2 * t + 1] > start) {
					if (from < 0) {
						from = t;
					}
					to = t + 1;
				}
			}
			tokenSpans[s] = (from < 0) ? 0 : from + 1;
			tokenSpans[s + 1] = (from < 0) ? 0 : to + 1;
		}
		return tokenSpans;
	}

	/**
	 * The L2-normalised mean of rows {@code [from, to)} of {@code hidden} (rows of {@code dims} floats), written
	 * to {@code out} at {@code at}; nothing written (zeros stay) when the span is empty.
	 */
	static void poolSpan(FloatBuffer hidden, int dims, int from, int to, float[] out, int at) {
		if (to <= from) {
			return;
		}
		float[] vector = new float[dims];
		for (int t = from; t < to; t++) {
			int base = t * dims;
			for (int d = 0; d < dims; d++) {
				vector[d] += hidden.get(base + d);
			}
		}
		for (int d = 0; d < dims; d++) {
			vector[d] /= (to - from);
		}
		normalize(vector);
		System.arraycopy(vector, 0, out, at, dims);
	}

	/** {@code [CLS] ids [SEP]}, with {@code ids} cut to the model's limit. */
	private long[] frame(long[] ids) {
		int kept = Math.min(ids.length, this.model.maxInputTokens());
		long[] framed = new long[kept + 2];
		framed[0] = this.clsId;
		System.arraycopy(ids, 0, framed, 1, kept);
		framed[kept + 1] = this.sepId;
		return framed;
	}

	/**
	 * One text per model call, on purpose. The quantised models quantise activations dynamically with one
	 * scale per tensor, so in a padded multi-row batch every row's vector depends on which other texts (and
	 * how much padding) share its batch: measured cosine to the same text embedded alone drops to 0.97-0.99.
	 * A single row of exactly its own length is deterministic, needs no padding at all, and matches the
	 * reference implementation; the BERT matrices are large enough that batching rows gains little on CPU.
	 */
	private float[] runOne(long[] ids, int slot) {
		int length = ids.length;
		int dims = this.model.dimensions();
		long[] shape = { 1, length };
		Buffers buffers = this.buffers[slot];
		buffers.ids.clear().put(ids).flip();
		FloatBuffer hidden = buffers.hidden.clear().limit(length * dims);
		Map<String, OnnxTensor> inputs = new HashMap<>(4);
		OnnxTensor output = null;
		try {
			// Direct buffers are handed to ONNX Runtime as they are: no copy of the inputs, and the output is
			// written straight into this slot's buffer instead of a fresh tensor copied out again.
			inputs.put("input_ids", OnnxTensor.createTensor(this.environment, buffers.ids, shape));
			inputs.put("attention_mask",
					OnnxTensor.createTensor(this.environment, this.ones.duplicate().limit(length), shape));
			if (this.needsTokenTypeIds) {
				inputs.put(TOKEN_TYPE_IDS,
						OnnxTensor.createTensor(this.environment, this.zeros.duplicate().limit(length), shape));
			}
			output = OnnxTensor.createTensor(this.environment, hidden, new long[] { 1, length, dims });
			try (OrtSession.Result result = this.session.run(inputs, Set.of(), Map.of(OUTPUT, output))) {
				float[] vector = pool(hidden, length, dims);
				int[] tokenSpans = this.spanInputs.isEmpty() ? null : this.spanInputs.get(ids);
				if (tokenSpans == null) {
					return vector;
				}
				// The text's vector, then one per span: what embedBatchWithSpans splits again.
				float[] all = Arrays.copyOf(vector, dims * (1 + tokenSpans.length / 2));
				for (int s = 0; s < tokenSpans.length / 2; s++) {
					poolSpan(hidden, dims, tokenSpans[2 * s], tokenSpans[2 * s + 1], all, (s + 1) * dims);
				}
				return all;
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("ONNX Runtime failed on " + this.model.id(), ex);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
			if (output != null) {
				output.close();
			}
		}
	}

	/**
	 * One model slot's native buffers, sized for the longest input and reused by every call in that slot, so
	 * there are {@code threads} of these whichever threads run the calls.
	 */
	private static final class Buffers {

		private final LongBuffer ids;

		private final FloatBuffer hidden;

		Buffers(OnnxModel model) {
			this.ids = directLongs(model.maxSequenceLength());
			this.hidden = ByteBuffer.allocateDirect(model.maxSequenceLength() * model.dimensions() * Float.BYTES)
				.order(ByteOrder.nativeOrder())
				.asFloatBuffer();
		}

	}

	private static LongBuffer directLongs(int capacity) {
		return ByteBuffer.allocateDirect(capacity * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
	}

	private float[] pool(FloatBuffer hidden, int length, int dims) {
		float[] vector = new float[dims];
		switch (this.model.pooling()) {
			case CLS -> hidden.get(0, vector);
			case MEAN -> {
				// Every position is a real token (attention mask all ones); [CLS] and [SEP] count, as in
				// sentence-transformers.
				for (int t = 0; t < length; t++) {
					int base = t * dims;
					for (int d = 0; d < dims; d++) {
						vector[d] += hidden.get(base + d);
					}
				}
				for (int d = 0; d < dims; d++) {
					vector[d] /= length;
				}
			}
		}
		normalize(vector);
		return vector;
	}

	private static void normalize(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += v * v;
		}
		float norm = (float) Math.sqrt(sum);
		if (norm > 0) {
			for (int i = 0; i < vector.length; i++) {
				vector[i] /= norm;
			}
		}
	}

	/**
	 * Token ids without special tokens. Goes to the native library directly because the full DJL
	 * {@code Encoding} also copies tokens, offsets and masks, and the chunker calls this a lot.
	 */
	private long[] tokenIds(String text) {
		BertWordPiece.Tokens tokens = (this.wordPiece != null) ? this.wordPiece.encode(text) : null;
		return (tokens != null) ? tokens.ids() : encoded(text, TokenizersLibrary.LIB::getTokenIds);
	}

	/**
	 * Reads {@code what} from the native encoding of {@code text} (no special tokens), freeing it after: the
	 * JNI calls skip the {@code Encoding} object, whose masks and strings nobody here reads.
	 */
	private <T> T encoded(String text, LongFunction<T> what) {
		long encoding = TokenizersLibrary.LIB.encode(this.tokenizer.getHandle(), text, false);
		try {
			return what.apply(encoding);
		}
		finally {
			TokenizersLibrary.LIB.deleteEncoding(encoding);
		}
	}

	@Override
	public int dimensions() {
		return this.model.dimensions();
	}

	@Override
	public String modelName() {
		return this.model.id();
	}

	/** This model's WordPiece as the {@link Tokenizer} port: what its configuration declares. */
	public Tokenizer tokenizer() {
		return new Tokenizer() {

			@Override
			public int countTokens(String text) {
				return OnnxEmbedder.this.countTokens(text);
			}

			@Override
			public int[] tokenOffsets(String text) {
				return OnnxEmbedder.this.tokenOffsets(text);
			}

		};
	}

	/** Tokens in {@code text} under the model's tokenizer, without special tokens. */
	public int countTokens(String text) {
		BertWordPiece.Tokens tokens = (this.wordPiece != null) ? this.wordPiece.encode(text) : null;
		return (tokens != null) ? tokens.size() : encoded(text, TokenizersLibrary.LIB::getTokenIds).length;
	}

	/**
	 * See {@link Tokenizer#tokenOffsets}: both bundled models use BERT's WordPiece, whose counts add up across
	 * white space.
	 */
	public int[] tokenOffsets(String text) {
		BertWordPiece.Tokens tokens = (this.wordPiece != null) ? this.wordPiece.encode(text) : null;
		if (tokens != null) {
			return tokens.offsets();
		}
		CharSpan[] spans = encoded(text, TokenizersLibrary.LIB::getTokenCharSpans);
		// The tokenizer counts code points; Java strings index UTF-16 units (an emoji is two).
		int[] toUtf16 = null;
		if (text.codePointCount(0, text.length()) != text.length()) {
			toUtf16 = new int[text.codePointCount(0, text.length()) + 1];
			for (int cp = 0, at = 0; cp < toUtf16.length; cp++) {
				toUtf16[cp] = at;
				if (at < text.length()) {
					at += Character.charCount(text.codePointAt(at));
				}
			}
		}
		int[] offsets = new int[spans.length * 2];
		for (int i = 0; i < spans.length; i++) {
			// A token with no characters of its own (none in WordPiece) would have a null span.
			if (spans[i] == null) {
				offsets[2 * i] = (i > 0) ? offsets[2 * i - 1] : 0;
				offsets[2 * i + 1] = offsets[2 * i];
				continue;
			}
			offsets[2 * i] = (toUtf16 != null) ? toUtf16[spans[i].getStart()] : spans[i].getStart();
			offsets[2 * i + 1] = (toUtf16 != null) ? toUtf16[spans[i].getEnd()] : spans[i].getEnd();
		}
		return offsets;
	}

	@Override
	public int maxInputTokens() {
		return this.model.maxInputTokens();
	}

	@Override
	public Health healthCheck() {
		return Health.up(Map.of("model", modelName(), "dimensions", dimensions(), "max_input_tokens",
				maxInputTokens(), "threads", this.threads, "intra_op_threads", this.intraOpThreads,
				"queued_texts", Map.of("interactive", this.queue.queuedTexts(Priority.INTERACTIVE), "answer",
						this.queue.queuedTexts(Priority.ANSWER), "bulk", this.queue.queuedTexts(Priority.BULK))));
	}

	/** The catalogue entry this embedder runs. */
	public OnnxModel model() {
		return this.model;
	}

	/** Model calls made so far. */
	long modelCalls() {
		return this.queue.modelCalls();
	}

	/** Of {@link #modelCalls()}, those run on a query's own thread ({@code callerRuns}). */
	long callerRuns() {
		return this.queue.callerRuns();
	}

	@Override
	public void close() {
		this.queue.close();
		try {
			this.session.close();
		}
		catch (OrtException ex) {
			throw new IllegalStateException("Cannot close the ONNX session of " + this.model.id(), ex);
		}
		finally {
			this.tokenizer.close();
		}
	}

}
