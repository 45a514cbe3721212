package io.ragwell.embed.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.ragwell.embed.onnx.OnnxEmbedderDifferentialTests.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbedderTests {

	static OnnxEmbedder miniLm;

	static OnnxEmbedder bge;

	@BeforeAll
	static void load() {
		miniLm = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 4, 2);
		bge = new OnnxEmbedder(OnnxModel.BGE_SMALL_EN_V15_Q, 4, 2);
	}

	@AfterAll
	static void close() {
		miniLm.close();
		bge.close();
	}

	@Test
	void vectorsAreUnitLengthWith384Dimensions() {
		for (OnnxEmbedder embedder : List.of(miniLm, bge)) {
			assertThat(embedder.dimensions()).isEqualTo(384);
			for (float[] vector : embedder.embedBatch(List.of("short", "A somewhat longer sentence, with a comma."))) {
				assertThat(vector).hasSize(384);
				double norm = 0;
				for (float v : vector) {
					norm += v * v;
				}
				assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
			}
		}
	}

	@Test
	void batchResultsEqualOneByOneResultsRegardlessOfOrderAndBatchSize() {
		Random random = new Random(42);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			texts.add(randomText(random, 1 + random.nextInt(i % 3 == 0 ? 300 : 20)));
		}
		List<float[]> alone = texts.stream().map(miniLm::embed).toList();
		List<Integer> shuffled = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			shuffled.add(i);
		}
		Collections.shuffle(shuffled, random);
		for (int batchSize : new int[] { 1, 3, 7, 32 }) {
			try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, batchSize, 2)) {
				List<float[]> batched = embedder.embedBatch(shuffled.stream().map(texts::get).toList());
				for (int i = 0; i < shuffled.size(); i++) {
					assertThat(cosine(batched.get(i), alone.get(shuffled.get(i))))
						.as("batch size %d, text %d", batchSize, shuffled.get(i))
						.isGreaterThan(0.9999);
				}
			}
		}
	}

	@Test
	void aQueryWaitsForOneTurnOfALargeBatchNotForTheWholeBatch() throws Exception {
		// One pool thread, two texts per turn: the batch below takes seconds, the query two texts at most.
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 2, 1)) {
			Random random = new Random(7);
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < 120; i++) {
				texts.add(randomText(random, 200));
			}
			CompletableFuture<List<float[]>> batch = new CompletableFuture<>();
			Thread.ofVirtual().start(() -> {
				try {
					batch.complete(embedder.embedBatch(texts));
				}
				catch (RuntimeException ex) {
					batch.completeExceptionally(ex);
				}
			});
			// Let the batch reach the pool first (tokenising 120 texts takes a few milliseconds).
			Thread.sleep(300);
			// From a virtual thread, as a request thread is: a platform caller runs a single text itself.
			CompletableFuture<float[]> query = new CompletableFuture<>();
			Thread.ofVirtual().start(() -> query.complete(embedder.embedQuery("binding of the receptor"))).join();
			assertThat(batch).as("the whole batch finished before the query was served").isNotDone();
			assertThat(cosine(query.get(), miniLm.embedQuery("binding of the receptor"))).isGreaterThan(0.9999);
			List<float[]> vectors = batch.get(2, TimeUnit.MINUTES);
			assertThat(vectors).hasSize(texts.size()).doesNotContainNull();
			assertThat(cosine(vectors.get(5), miniLm.embed(texts.get(5)))).isGreaterThan(0.9999);
		}
	}

	@Test
	void theQueuedTextsOfAnInterruptedIngestAreNotEmbedded() throws Exception {
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 2, 1)) {
			Random random = new Random(11);
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				texts.add(randomText(random, 200));
			}
			CompletableFuture<RuntimeException> failure = new CompletableFuture<>();
			Thread caller = Thread.ofVirtual().start(() -> {
				try {
					embedder.embedBatch(texts);
					failure.complete(null);
				}
				catch (RuntimeException ex) {
					failure.complete(ex);
				}
			});
			while (embedder.modelCalls() < 3) {
				Thread.sleep(1);
			}
			caller.interrupt();
			assertThat(failure.get(1, TimeUnit.MINUTES)).hasMessage("Interrupted while embedding");
			long callsAtFailure = embedder.modelCalls();
			// The one text the model thread was running may still finish; nothing after it starts.
			Thread.sleep(500);
			assertThat(embedder.modelCalls()).isLessThanOrEqualTo(callsAtFailure + 1).isLessThan(texts.size() / 2);
			assertThat(embedder.healthCheck().details()).containsEntry("queued_texts",
					java.util.Map.of("interactive", 0, "answer", 0, "bulk", 0));
		}
	}

	@Test
	void anIngestStarvedPastItsQueueTimeoutIsDroppedAndNoneOfItsTextsIsEmbedded() throws Exception {
		// One model thread and a second allowed without a start. An interactive request of 300 texts keeps the
		// thread busy for seconds and always goes first, so the ingest below never gets a start.
		try (OnnxEmbedder embedder = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 8, 1, 1, 10_000,
				java.time.Duration.ofSeconds(1))) {
			Random random = new Random(13);
			List<String> texts = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				texts.add(randomText(random, 200));
			}
			CompletableFuture<List<float[]>> interactive = CompletableFuture.supplyAsync(
					() -> embedder.embedBatch(texts, io.ragwell.core.Embedder.Priority.INTERACTIVE),
					java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
			while (embedder.modelCalls() < 1) {
				Thread.sleep(1);
			}
			assertThatExceptionOfType(io.ragwell.core.EmbeddingOverloadedException.class)
				.isThrownBy(() -> embedder.embedBatch(texts.subList(0, 10)))
				.withMessageContaining("did not start 10 of 10 texts")
				.satisfies((ex) -> assertThat(ex.retryAfter()).isPositive());
			assertThat(interactive.get(1, TimeUnit.MINUTES)).hasSize(300).doesNotContainNull();
			assertThat(embedder.modelCalls()).as("only the interactive texts were embedded").isEqualTo(300);
		}
	}

	@Test
	void withoutOnnxRuntimesArenaTheVectorsAreTheSame() {
		// ragwell.embedding.cpu-arena=false (the footprint setting) changes where tensors live, never what they hold:
		// short and long texts, so calls of several sizes allocate and free in turn.
		List<String> texts = List.of("penguin eggs", "word ".repeat(400), "Emperor penguins breed in winter.",
				"a ".repeat(40) + "cell biology", "x");
		try (OnnxEmbedder noArena = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 4, 2, 1,
				OnnxEmbedder.DEFAULT_MAX_QUEUED_TEXTS, OnnxEmbedder.DEFAULT_QUEUE_TIMEOUT, false)) {
			List<float[]> expected = miniLm.embedBatch(texts);
			for (int round = 0; round < 3; round++) {
				List<float[]> actual = noArena.embedBatch(texts);
				for (int i = 0; i < texts.size(); i++) {
					assertThat(actual.get(i)).as("text %d, round %d", i, round).containsExactly(expected.get(i), within(1e-5f));
				}
			}
		}
	}

	@Test
	void queriesRunOnTheirCallersThreadGiveTheSameVectors() throws Exception {
		// ragwell.embedding.caller-runs=true: a lone query runs in a free model slot on the caller's (virtual)
		// thread, with that slot's buffers; long and short texts in turn, from two callers at once, so slots and
		// buffers are shared between callers and model threads.
		List<String> queries = List.of("penguin eggs", "word ".repeat(400), "Emperor penguins breed in winter.", "x");
		try (OnnxEmbedder callerRuns = new OnnxEmbedder(OnnxModel.ALL_MINILM_L6_V2_Q, 4, 2, 1,
				OnnxEmbedder.DEFAULT_MAX_QUEUED_TEXTS, OnnxEmbedder.DEFAULT_QUEUE_TIMEOUT, true, true)) {
			List<float[]> expected = queries.stream().map(miniLm::embedQuery).toList();
			List<java.util.concurrent.Future<?>> callers = new java.util.ArrayList<>();
			try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
				for (int caller = 0; caller < 2; caller++) {
					callers.add(executor.submit(() -> {
						for (int round = 0; round < 3; round++) {
							for (int i = 0; i < queries.size(); i++) {
								assertThat(callerRuns.embedQuery(queries.get(i))).as("query %d", i)
									.containsExactly(expected.get(i), within(1e-5f));
							}
						}
						return null;
					}));
				}
				for (var caller : callers) {
					caller.get(2, TimeUnit.MINUTES);
				}
			}
			assertThat(callerRuns.modelCalls()).isEqualTo(2 * 3 * queries.size());
			assertThat(callerRuns.callerRuns()).as("queries that found a slot free ran on their caller").isPositive();
		}
	}

	@Test
	void emptyBatchYieldsNoVectors() {
		assertThat(miniLm.embedBatch(List.of())).isEmpty();
	}

	@Test
	void semanticallyCloseSentencesScoreHigherThanUnrelatedOnes() {
		for (OnnxEmbedder embedder : List.of(miniLm, bge)) {
			float[] cat = embedder.embed("The cat sat on the mat.");
			float[] kitten = embedder.embed("A kitten was sitting on a rug.");
			float[] bonds = embedder.embed("Interest rates on government bonds rose sharply in March.");
			assertThat(cosine(cat, kitten)).as(embedder.modelName()).isGreaterThan(cosine(cat, bonds) + 0.1);
		}
	}

	@Test
	void textOverTheLimitIsTruncatedInsteadOfFailing() {
		String longText = "word ".repeat(3000);
		for (OnnxEmbedder embedder : List.of(miniLm, bge)) {
			assertThat(embedder.countTokens(longText)).isGreaterThan(embedder.maxInputTokens());
			float[] vector = embedder.embed(longText);
			// Truncation keeps the first maxInputTokens tokens, so a text that only differs after them
			// embeds the same.
			float[] sameHead = embedder.embed(longText + " completely different tail about quantum physics");
			assertThat(vector).hasSize(384);
			assertThat(cosine(vector, sameHead)).isGreaterThan(0.99999);
		}
	}

	@Test
	void countTokensMatchesTheTokenizerWithoutSpecialTokens() {
		assertThat(miniLm.countTokens("hello world")).isEqualTo(2);
		assertThat(bge.countTokens("hello world")).isEqualTo(2);
		assertThat(miniLm.countTokens("")).isZero();
		// WordPiece splits unknown words into sub-word pieces.
		assertThat(miniLm.countTokens("electroencephalography")).isGreaterThan(1);
		// Not capped by the bundled tokenizer.json's own 128-token truncation.
		assertThat(miniLm.countTokens("word ".repeat(1000))).isEqualTo(1000);
	}

	@Test
	void maxInputTokensLeavesRoomForClsAndSep() {
		assertThat(miniLm.maxInputTokens()).isEqualTo(254);
		assertThat(bge.maxInputTokens()).isEqualTo(510);
	}

	@Test
	void queryEmbeddingCarriesTheInstructionForBgeOnly() {
		String text = "what causes tides";
		assertThat(cosine(bge.embedQuery(text), bge.embed(text))).isLessThan(0.999);
		assertThat(cosine(bge.embedQuery(text),
				bge.embed("Represent this sentence for searching relevant passages: " + text)))
			.isGreaterThan(0.9999);
		assertThat(cosine(miniLm.embedQuery(text), miniLm.embed(text))).isGreaterThan(0.9999);
	}

	@Test
	void batchesRunOnNamedEmbedThreads() throws Exception {
		// A virtual caller always hands off to the pool, even for a single batch, so the pool has started.
		Thread caller = Thread.ofVirtual().start(() -> miniLm.embedBatch(List.of("one", "two")));
		caller.join();
		List<String> embedThreads = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith("ragwell-embed-"))
			.toList();
		assertThat(embedThreads).isNotEmpty().allMatch((name) -> name.matches("ragwell-embed-\\d+"));
	}

	@Test
	void unknownModelIsRejectedWithTheValidNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> OnnxModel.fromId("gpt-embed"))
			.withMessageContaining("gpt-embed")
			.withMessageContaining("all-minilm-l6-v2-q")
			.withMessageContaining("bge-small-en-v1.5-q");
		assertThat(OnnxModel.fromId("bge-small-en-v1.5-q")).isEqualTo(OnnxModel.BGE_SMALL_EN_V15_Q);
	}

	static String randomText(Random random, int words) {
		String[] vocabulary = { "protein", "cell", "the", "of", "binding", "increased", "mice", "2.5", "signal",
				"pathway", "(p<0.05)", "über", "and", "response", "receptor", "was", "observed", "in", "T-cells" };
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			text.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
		}
		return text.append('.').toString();
	}

}
