package io.ragwell.embed.onnx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.ragwell.core.ClientGoneException;
import io.ragwell.core.ClientWatch;
import io.ragwell.core.Embedder.Priority;
import io.ragwell.core.EmbeddingOverloadedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The queue's order and bounds, with a fake model that records which text each call got and runs only when
 * the test lets it: the assertions are on the order of model calls, never on time.
 */
class ModelQueueTests {

	/** Texts are named by their one token id: request number * 1000 + position. */
	private final List<Long> calls = Collections.synchronizedList(new ArrayList<>());

	/** One permit per model call allowed to finish. */
	private final Semaphore permits = new Semaphore(0);

	/** The thread of each model call, by text. */
	private final java.util.Map<Long, Thread> threadOf = new java.util.concurrent.ConcurrentHashMap<>();

	/** The slots of the model calls running now; no two share one. */
	private final java.util.Set<Integer> slotsInUse = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final java.util.concurrent.atomic.AtomicInteger mostInFlight = new java.util.concurrent.atomic.AtomicInteger();

	private ModelQueue queue;

	private ModelQueue queue(int threads, int batchSize, int maxQueuedTexts, Duration queueTimeout) {
		return queue(threads, batchSize, maxQueuedTexts, queueTimeout, false);
	}

	private ModelQueue queue(int threads, int batchSize, int maxQueuedTexts, Duration queueTimeout,
			boolean callerRuns) {
		this.queue = new ModelQueue((ids, slot) -> {
			assertThat(this.slotsInUse.add(slot)).as("slot %d is in use by another call", slot).isTrue();
			this.mostInFlight.accumulateAndGet(this.slotsInUse.size(), Math::max);
			this.threadOf.put(ids[0], Thread.currentThread());
			this.calls.add(ids[0]);
			this.permits.acquireUninterruptibly();
			this.slotsInUse.remove(slot);
			return new float[] { ids[0] };
		}, threads, batchSize, maxQueuedTexts, queueTimeout, callerRuns);
		return this.queue;
	}

	@AfterEach
	void close() {
		this.permits.release(100_000);
		if (this.queue != null) {
			this.queue.close();
		}
	}

	private static long[][] texts(int request, int count) {
		long[][] inputs = new long[count][];
		for (int i = 0; i < count; i++) {
			inputs[i] = new long[] { request * 1000L + i };
		}
		return inputs;
	}

	private static int[] inOrder(int count) {
		int[] order = new int[count];
		for (int i = 0; i < count; i++) {
			order[i] = i;
		}
		return order;
	}

	private CompletableFuture<float[][]> submit(int request, int count, Priority priority) {
		CompletableFuture<float[][]> result = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try {
				result.complete(this.queue.embed(texts(request, count), inOrder(count), priority));
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not reached within 10 s").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	@Test
	void aQueryIsTheNextTextStartedWhateverTheIngestLoad() throws Exception {
		queue(2, 4, 10_000, Duration.ofMinutes(1));
		// Four ingests of 50 texts: both model threads busy, 198 texts queued.
		List<CompletableFuture<float[][]>> ingests = new ArrayList<>();
		for (int request = 1; request <= 4; request++) {
			ingests.add(submit(request, 50, Priority.BULK));
		}
		awaitUntil(() -> this.calls.size() == 2 && this.queue.queuedTexts(Priority.BULK) == 198);
		CompletableFuture<float[][]> query = submit(9, 1, Priority.INTERACTIVE);
		awaitUntil(() -> this.queue.queuedTexts(Priority.INTERACTIVE) == 1);
		this.permits.release(1);
		awaitUntil(() -> this.calls.size() == 3);
		// Behind only the two texts the model threads were running when it came.
		assertThat(this.calls.get(2)).isEqualTo(9000L);
		this.permits.release(1_000);
		assertThat(query.get(10, TimeUnit.SECONDS)[0]).containsExactly(9000f);
		for (int request = 1; request <= 4; request++) {
			float[][] vectors = ingests.get(request - 1).get(10, TimeUnit.SECONDS);
			for (int i = 0; i < 50; i++) {
				assertThat(vectors[i]).as("vectors come back in input order").containsExactly(request * 1000f + i);
			}
		}
	}

	@Test
	void questionsGoBeforeAnswerSentencesWhichGoBeforeIngestion() throws Exception {
		queue(1, 2, 10_000, Duration.ofMinutes(1));
		// The one model thread busy with the first ingest text; then an answer's sentences and a question arrive.
		CompletableFuture<float[][]> ingest = submit(1, 3, Priority.BULK);
		awaitUntil(() -> this.calls.size() == 1);
		CompletableFuture<float[][]> answer = submit(2, 3, Priority.ANSWER);
		awaitUntil(() -> this.queue.queuedTexts(Priority.ANSWER) == 3);
		CompletableFuture<float[][]> question = submit(3, 1, Priority.INTERACTIVE);
		awaitUntil(() -> this.queue.queuedTexts(Priority.INTERACTIVE) == 1);
		// A second question, queued while the first answer's sentences run, still goes ahead of the rest of them.
		this.permits.release(2);
		awaitUntil(() -> this.calls.size() == 3);
		CompletableFuture<float[][]> secondQuestion = submit(4, 1, Priority.INTERACTIVE);
		awaitUntil(() -> this.queue.queuedTexts(Priority.INTERACTIVE) == 1);
		this.permits.release(1_000);
		assertThat(question.get(10, TimeUnit.SECONDS)[0]).containsExactly(3000f);
		assertThat(secondQuestion.get(10, TimeUnit.SECONDS)[0]).containsExactly(4000f);
		float[][] sentences = answer.get(10, TimeUnit.SECONDS);
		assertThat(sentences[2]).containsExactly(2002f);
		ingest.get(10, TimeUnit.SECONDS);
		assertThat(this.calls).containsExactly(1000L, 3000L, 2000L, 4000L, 2001L, 2002L, 1001L, 1002L);
	}

	@Test
	void withCallerRunsALoneQueryWithASlotFreeRunsOnItsCallersThread() throws Exception {
		queue(2, 8, 10_000, Duration.ofMinutes(1), true);
		this.permits.release(1_000);
		CompletableFuture<Thread> caller = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			assertThat(this.queue.embed(texts(9, 1), inOrder(1), Priority.INTERACTIVE)[0]).containsExactly(9000f);
			caller.complete(Thread.currentThread());
		});
		Thread callerThread = caller.get(10, TimeUnit.SECONDS);
		assertThat(this.threadOf.get(9000L)).isSameAs(callerThread);
		assertThat(this.queue.callerRuns()).isOne();
		// A batch, or an ingest text, still goes to the model threads.
		this.queue.embed(texts(1, 2), inOrder(2), Priority.INTERACTIVE);
		this.queue.embed(texts(2, 1), inOrder(1), Priority.BULK);
		assertThat(List.of(this.threadOf.get(1000L), this.threadOf.get(1001L), this.threadOf.get(2000L)))
			.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("ragwell-embed-"));
		assertThat(this.queue.callerRuns()).isOne();
		assertThat(this.queue.modelCalls()).isEqualTo(4);
	}

	@Test
	void withoutCallerRunsALoneQueryRunsOnAModelThread() throws Exception {
		queue(2, 8, 10_000, Duration.ofMinutes(1));
		this.permits.release(1_000);
		assertThat(this.queue.embed(texts(9, 1), inOrder(1), Priority.INTERACTIVE)[0]).containsExactly(9000f);
		assertThat(this.threadOf.get(9000L).getName()).startsWith("ragwell-embed-");
		assertThat(this.queue.callerRuns()).isZero();
	}

	@Test
	void aQueryOnItsCallersThreadHoldsASlotSoModelCallsStayBoundedByTheSlots() throws Exception {
		queue(1, 8, 10_000, Duration.ofMinutes(1), true);
		CompletableFuture<float[][]> first = submit(9, 1, Priority.INTERACTIVE);
		awaitUntil(() -> this.calls.size() == 1);
		// The only slot is the first query's: the ingest and a second query queue, the model thread waits.
		CompletableFuture<float[][]> ingest = submit(1, 3, Priority.BULK);
		CompletableFuture<float[][]> second = submit(8, 1, Priority.INTERACTIVE);
		awaitUntil(() -> this.queue.queuedTexts(Priority.BULK) == 3
				&& this.queue.queuedTexts(Priority.INTERACTIVE) == 1);
		assertThat(this.calls).containsExactly(9000L);
		this.permits.release(1_000);
		assertThat(first.get(10, TimeUnit.SECONDS)[0]).containsExactly(9000f);
		assertThat(second.get(10, TimeUnit.SECONDS)[0]).containsExactly(8000f);
		ingest.get(10, TimeUnit.SECONDS);
		// Once the slot was back, the queued query went first, on the model thread.
		assertThat(this.calls).containsExactly(9000L, 8000L, 1000L, 1001L, 1002L);
		assertThat(this.threadOf.get(8000L).getName()).isEqualTo("ragwell-embed-1");
		assertThat(this.mostInFlight.get()).isOne();
	}

	@Test
	void ingestsTakeTurnsOfBatchSizeTexts() throws Exception {
		queue(1, 3, 10_000, Duration.ofMinutes(1));
		CompletableFuture<float[][]> first = submit(1, 7, Priority.BULK);
		awaitUntil(() -> this.calls.size() == 1);
		CompletableFuture<float[][]> second = submit(2, 4, Priority.BULK);
		awaitUntil(() -> this.queue.queuedTexts(Priority.BULK) == 10);
		this.permits.release(1_000);
		first.get(10, TimeUnit.SECONDS);
		second.get(10, TimeUnit.SECONDS);
		assertThat(this.calls).containsExactly(1000L, 1001L, 1002L, 2000L, 2001L, 2002L, 1003L, 1004L, 1005L, 2003L,
				1006L);
	}

	@Test
	void aFullLaneRefusesMoreWithRetryAfterAndTheOtherLaneStillServes() throws Exception {
		queue(1, 8, 10, Duration.ofMinutes(1));
		CompletableFuture<float[][]> running = submit(1, 9, Priority.BULK);
		awaitUntil(() -> this.calls.size() == 1 && this.queue.queuedTexts(Priority.BULK) == 8);
		assertThatExceptionOfType(EmbeddingOverloadedException.class)
			.isThrownBy(() -> this.queue.embed(texts(2, 3), inOrder(3), Priority.BULK))
			.withMessageContaining("8 bulk texts queued (at most 10)")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
		CompletableFuture<float[][]> query = submit(9, 1, Priority.INTERACTIVE);
		this.permits.release(1_000);
		assertThat(query.get(10, TimeUnit.SECONDS)[0]).containsExactly(9000f);
		running.get(10, TimeUnit.SECONDS);
		assertThat(this.calls).doesNotContain(2000L, 2001L, 2002L);
	}

	@Test
	void aRequestLargerThanTheBoundRunsWhenItsLaneIsEmpty() throws Exception {
		queue(2, 8, 10, Duration.ofMinutes(1));
		this.permits.release(1_000);
		assertThat(List.of(this.queue.embed(texts(1, 25), inOrder(25), Priority.BULK))).hasSize(25).doesNotContainNull();
	}

	@Test
	void queuedTextsOfARequestPastItsQueueTimeoutAreNeverEmbedded() throws Exception {
		queue(1, 8, 10_000, Duration.ofMillis(200));
		// Request 1's first text holds the only model thread until the test lets it go.
		CompletableFuture<float[][]> holder = submit(1, 1, Priority.BULK);
		awaitUntil(() -> this.calls.size() == 1);
		CompletableFuture<float[][]> waiting = submit(2, 5, Priority.BULK);
		assertThat(waiting).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(EmbeddingOverloadedException.class)
			.withMessageContaining("did not start 5 of 5 texts");
		assertThat(this.queue.queuedTexts(Priority.BULK)).isZero();
		this.permits.release(1_000);
		holder.get(10, TimeUnit.SECONDS);
		// A later request runs at once: had the abandoned texts stayed queued, they would run before it.
		this.queue.embed(texts(3, 1), inOrder(1), Priority.BULK);
		assertThat(this.calls).containsExactly(1000L, 3000L);
	}

	@Test
	void queuedTextsOfAnInterruptedCallerAreNeverEmbedded() throws Exception {
		queue(1, 8, 10_000, Duration.ofMinutes(1));
		CompletableFuture<float[][]> holder = submit(1, 1, Priority.BULK);
		awaitUntil(() -> this.calls.size() == 1);
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			try {
				this.queue.embed(texts(2, 5), inOrder(5), Priority.BULK);
				failure.complete(null);
			}
			catch (RuntimeException ex) {
				failure.complete(Thread.currentThread().isInterrupted() ? ex : new AssertionError("flag cleared"));
			}
		});
		awaitUntil(() -> this.queue.queuedTexts(Priority.BULK) == 5);
		caller.interrupt();
		assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Interrupted while embedding");
		assertThat(this.queue.queuedTexts(Priority.BULK)).isZero();
		this.permits.release(1_000);
		holder.get(10, TimeUnit.SECONDS);
		this.queue.embed(texts(3, 1), inOrder(1), Priority.BULK);
		assertThat(this.calls).containsExactly(1000L, 3000L);
	}

	@Test
	void queuedTextsOfACallerWhoseClientHungUpAreNeverEmbedded() throws Exception {
		queue(1, 8, 10_000, Duration.ofMinutes(1));
		CompletableFuture<float[][]> holder = submit(1, 1, Priority.BULK);
		awaitUntil(() -> this.calls.size() == 1);
		AtomicBoolean gone = new AtomicBoolean();
		CompletableFuture<float[][]> waiting = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try (ClientWatch.Registration watch = ClientWatch.watch(gone::get)) {
				waiting.complete(this.queue.embed(texts(2, 5), inOrder(5), Priority.BULK));
			}
			catch (RuntimeException ex) {
				waiting.completeExceptionally(ex);
			}
		});
		awaitUntil(() -> this.queue.queuedTexts(Priority.BULK) == 5);
		gone.set(true);
		assertThat(waiting).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(ClientGoneException.class)
			.withMessageContaining("5 of 5 texts were not embedded");
		assertThat(this.queue.queuedTexts(Priority.BULK)).isZero();
		this.permits.release(1_000);
		holder.get(10, TimeUnit.SECONDS);
		this.queue.embed(texts(3, 1), inOrder(1), Priority.BULK);
		assertThat(this.calls).containsExactly(1000L, 3000L);
	}

	@Test
	void aWatchedCallerWhoseClientStaysGetsEveryVector() throws Exception {
		queue(1, 8, 10_000, Duration.ofMinutes(1));
		AtomicBoolean asked = new AtomicBoolean();
		CompletableFuture<float[][]> result = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try (ClientWatch.Registration watch = ClientWatch.watch(() -> {
				asked.set(true);
				return false;
			})) {
				result.complete(this.queue.embed(texts(1, 5), inOrder(5), Priority.BULK));
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		awaitUntil(asked::get);
		this.permits.release(1_000);
		assertThat(List.of(result.get(10, TimeUnit.SECONDS))).hasSize(5).doesNotContainNull();
		assertThat(this.calls).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
	}

	@Test
	void aFailedModelCallFailsItsRequestAndDropsItsOtherTexts() {
		this.queue = new ModelQueue((ids, slot) -> {
			this.calls.add(ids[0]);
			throw new IllegalStateException("model failed on " + ids[0]);
		}, 1, 8, 100, Duration.ofMinutes(1));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.queue.embed(texts(1, 5), inOrder(5), Priority.BULK))
			.withMessage("model failed on 1000");
		assertThat(this.calls).containsExactly(1000L);
		assertThat(this.queue.queuedTexts(Priority.BULK)).isZero();
	}

}
