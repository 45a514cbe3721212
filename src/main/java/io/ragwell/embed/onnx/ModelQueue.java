package io.ragwell.embed.onnx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.ragwell.core.ClientGoneException;
import io.ragwell.core.ClientWatch;
import io.ragwell.core.Embedder.Priority;
import io.ragwell.core.EmbeddingOverloadedException;
import org.jspecify.annotations.Nullable;

/**
 * The work queue of the model threads ({@code ragwell-embed-N}): one lane per {@link Priority}, each bounded in
 * texts, and requests that leave the queue when their caller stops waiting.
 *
 * <ul>
 * <li>A model thread takes the next text one at a time from the first lane that holds one:
 * {@link Priority#INTERACTIVE} (questions), then {@link Priority#ANSWER} (an extractive answer's sentences), then
 * {@link Priority#BULK} (ingestion). A question waits behind at most the one text each thread is running, whatever
 * the answer and ingest load. Questions and answer sentences have separate lanes because sharing one made every
 * question wait its turn behind other requests' sentence batches: the search stage then starved while the model
 * worked on sentences (uncached {@code /query} at 32 clients lost about 7 % throughput, measured with
 * {@code InterleavedAb}).</li>
 * <li>Within a lane, requests take turns of {@code batchSize} texts, so one large ingest does not starve
 * another; a lone request keeps every thread busy (each pulls its next text as soon as it is free).</li>
 * <li>A lane holds at most {@code maxQueuedTexts} texts not yet started; a request that would go past it is
 * refused at once with {@link EmbeddingOverloadedException} (a request larger than the bound is admitted into
 * an empty lane, or it could never run).</li>
 * <li>A request whose texts wait {@code queueTimeout} without one of them starting, or whose caller is
 * interrupted, is removed: its texts not yet started are never embedded.</li>
 * <li>So is a request whose client hangs up ({@link ClientWatch}): while its texts wait, the caller asks every
 * {@link #CLIENT_PROBE_INTERVAL} (the first time after one interval) whether its client is still there.</li>
 * <li>With {@code callerRuns}, a single interactive text (a query) that finds a model slot free and nothing queued ahead of it runs on the
 * caller's own thread: waking a model thread and being woken by it again cost two scheduler hand-offs, which
 * on a busy host each wait for a time slice, for a call of a few milliseconds. The bound on model calls in
 * flight is the slots, whoever runs them: a caller holding a slot keeps a model thread waiting, never adds a
 * call.</li>
 * </ul>
 */
final class ModelQueue implements AutoCloseable {

	/**
	 * How often a watched caller asks whether its client has gone. At 60-70 texts/s on two threads (SciFact
	 * chunks) a model call takes about 30 ms, so about 8 texts per thread run for a client already gone, and a
	 * waiting request costs four non-blocking socket reads a second. A query's embedding, one text ahead of all
	 * ingestion, is done well within it, so its connection is never probed.
	 */
	static final Duration CLIENT_PROBE_INTERVAL = Duration.ofMillis(250);

	/**
	 * One model call: the framed token ids of one text to its vector. Called by whoever holds model slot
	 * {@code slot} (a model thread, or a query's caller), never by two threads with the same slot at once, so
	 * per-slot native buffers need no lock.
	 */
	@FunctionalInterface
	interface Model {

		float[] run(long[] ids, int slot);

	}

	private final Model model;

	private final int batchSize;

	private final int maxQueuedTexts;

	private final long queueTimeoutNanos;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	/** One lane per {@link Priority}, by ordinal: the order in which model threads serve them. */
	private final Lane[] lanes = new Lane[Priority.values().length];

	private final List<Thread> workers;

	/** Model slots not in use, under the lock: at most {@code threads} model calls run at once. */
	private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();

	private final boolean callerRuns;

	private final AtomicLong callerRunCount = new AtomicLong();

	private final AtomicLong modelCalls = new AtomicLong();

	/**
	 * Recent nanoseconds per model call (an exponential moving average over about 16 calls), to tell a refused
	 * client when the queue should have room.
	 */
	private volatile long nanosPerText;

	private boolean closed;

	/**
	 * Starts {@code threads} model threads.
	 * @param model the model call, run on the model threads
	 * @param threads model calls in flight at once
	 * @param batchSize texts a request takes in one turn before the next request of its lane
	 * @param maxQueuedTexts texts not yet started a lane holds
	 * @param queueTimeout longest a request waits without one of its texts starting
	 */
	ModelQueue(Model model, int threads, int batchSize, int maxQueuedTexts, Duration queueTimeout) {
		this(model, threads, batchSize, maxQueuedTexts, queueTimeout, false);
	}

	/**
	 * Starts {@code threads} model threads.
	 * @param model the model call, run on the model threads (and with {@code callerRuns} on a lone query's caller)
	 * @param threads model calls in flight at once
	 * @param batchSize texts a request takes in one turn before the next request of its lane
	 * @param maxQueuedTexts texts not yet started a lane holds
	 * @param queueTimeout longest a request waits without one of its texts starting
	 * @param callerRuns a single interactive text that finds a slot free and no query queued runs on its caller
	 */
	ModelQueue(Model model, int threads, int batchSize, int maxQueuedTexts, Duration queueTimeout,
			boolean callerRuns) {
		if (threads < 1 || batchSize < 1 || maxQueuedTexts < 1 || queueTimeout.isNegative() || queueTimeout.isZero()) {
			throw new IllegalArgumentException("threads, batchSize and maxQueuedTexts must be >= 1 and queueTimeout "
					+ "positive, were " + threads + ", " + batchSize + ", " + maxQueuedTexts + ", " + queueTimeout);
		}
		this.model = model;
		this.callerRuns = callerRuns;
		this.batchSize = batchSize;
		this.maxQueuedTexts = maxQueuedTexts;
		this.queueTimeoutNanos = queueTimeout.toNanos();
		for (int i = 0; i < this.lanes.length; i++) {
			this.lanes[i] = new Lane();
		}
		List<Thread> workers = new ArrayList<>(threads);
		for (int slot = 0; slot < threads; slot++) {
			this.freeSlots.add(slot);
		}
		for (int i = 1; i <= threads; i++) {
			// Platform threads: the model call is native and would pin a virtual thread's carrier anyway.
			// Daemon: never hold the JVM open if close() was not called.
			workers.add(Thread.ofPlatform().name("ragwell-embed-" + i).daemon(true).start(this::work));
		}
		this.workers = List.copyOf(workers);
	}

	/**
	 * Embeds {@code inputs} in the order given by {@code order} and waits for them.
	 * @param inputs framed token ids per text
	 * @param order the indexes of {@code inputs} in the order the model threads should take them
	 * @param priority the lane
	 * @return one vector per input, in input order
	 * @throws EmbeddingOverloadedException when the lane is full or the texts waited past the queue timeout
	 * @throws ClientGoneException when the caller's client hung up ({@link ClientWatch}) before every text started
	 * @throws IllegalStateException when the caller is interrupted (its flag stays set) or the queue is closed
	 */
	float[][] embed(long[][] inputs, int[] order, Priority priority) {
		Request request = new Request(inputs, order);
		Lane lane = this.lanes[priority.ordinal()];
		@Nullable Integer ownSlot = null;
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The embedder is closed");
			}
			// A lone query with a slot free and no query queued ahead of it (queued ingest texts wait behind
			// queries anyway): run it here rather than hand it to a model thread and wait to be woken.
			if (this.callerRuns && order.length == 1 && priority == Priority.INTERACTIVE
					&& lane.queuedTexts == 0) {
				ownSlot = this.freeSlots.pollFirst();
			}
			if (ownSlot != null) {
				this.callerRunCount.incrementAndGet();
			}
			else {
				if (lane.queuedTexts > 0 && lane.queuedTexts + order.length > this.maxQueuedTexts) {
					throw new EmbeddingOverloadedException("The embedder has " + lane.queuedTexts + " "
							+ priority.name().toLowerCase(java.util.Locale.ROOT) + " texts queued (at most "
							+ this.maxQueuedTexts + ")", retryAfter(lane.queuedTexts));
				}
				lane.add(request);
				this.work.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (ownSlot != null) {
			float[][] vectors = new float[1][];
			vectors[0] = runInSlot(inputs[order[0]], ownSlot);
			return vectors;
		}
		await(request, lane);
		return request.vectors;
	}

	/** One model call in {@code slot}, which it gives back (waking the model threads if one may wait for it). */
	private float[] runInSlot(long[] ids, int slot) {
		try {
			long start = System.nanoTime();
			float[] vector = this.model.run(ids, slot);
			this.modelCalls.incrementAndGet();
			long took = System.nanoTime() - start;
			long average = this.nanosPerText;
			this.nanosPerText = (average == 0) ? took : average + (took - average) / 16;
			return vector;
		}
		finally {
			this.lock.lock();
			try {
				this.freeSlots.addLast(slot);
				// Only a model thread with queued work can be waiting for a slot (and close() for all of them):
				// an idle pool is not woken after every call.
				if (this.closed || anyQueued()) {
					this.work.signalAll();
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}


	private void await(Request request, Lane lane) {
		boolean watched = ClientWatch.watched();
		try {
			while (true) {
				// Texts still queued: wait at most until the queue timeout after the last start. All started:
				// only model calls remain, and those end.
				long waitNanos = request.allStarted() ? Long.MAX_VALUE
						: request.lastStartNanos + this.queueTimeoutNanos - System.nanoTime();
				if (watched && !request.allStarted()) {
					waitNanos = Math.min(waitNanos, CLIENT_PROBE_INTERVAL.toNanos());
				}
				if (waitNanos <= 0) {
					int dropped = remove(request, lane);
					if (dropped > 0) {
						throw new EmbeddingOverloadedException("The embedder did not start " + dropped + " of "
								+ request.order.length + " texts within " + Duration.ofNanos(this.queueTimeoutNanos),
								retryAfter(queuedTexts(lane)));
					}
					continue;
				}
				try {
					request.done.get(waitNanos, TimeUnit.NANOSECONDS);
					return;
				}
				catch (TimeoutException ex) {
					// Asked only after a wait, never on entry: a request served within one interval (a query)
					// never costs its connection a probe.
					if (watched && !request.allStarted() && ClientWatch.gone()) {
						int dropped = remove(request, lane);
						throw new ClientGoneException("The client hung up; " + dropped + " of "
								+ request.order.length + " texts were not embedded");
					}
					// Loop: a text may have started meanwhile, which moves the deadline.
				}
			}
		}
		catch (InterruptedException ex) {
			remove(request, lane);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while embedding", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException rex) {
				throw rex;
			}
			throw new IllegalStateException("Embedding failed", ex.getCause());
		}
	}

	/** Takes {@code request}'s texts not yet started out of {@code lane}; returns how many there were. */
	private int remove(Request request, Lane lane) {
		this.lock.lock();
		try {
			return lane.remove(request);
		}
		finally {
			this.lock.unlock();
		}
	}

	private int queuedTexts(Lane lane) {
		this.lock.lock();
		try {
			return lane.queuedTexts;
		}
		finally {
			this.lock.unlock();
		}
	}

	private Duration retryAfter(int queuedTexts) {
		// The time the model threads need to drain what is queued now; at least a second (Retry-After's unit).
		long nanos = queuedTexts * this.nanosPerText / this.workers.size();
		return Duration.ofNanos(Math.max(TimeUnit.SECONDS.toNanos(1), nanos));
	}

	private void work() {
		Claim claim;
		while ((claim = take()) != null) {
			Request request = claim.request();
			try {
				request.vectors[claim.text()] = runInSlot(request.inputs[claim.text()], claim.slot());
				if (request.remaining.decrementAndGet() == 0) {
					request.done.complete(null);
				}
			}
			catch (RuntimeException | Error ex) {
				// The request fails as a whole: its other texts are not worth a model call.
				remove(request, claim.lane());
				request.done.completeExceptionally(ex);
			}
		}
	}

	/** Whether any lane holds a text not yet started; under the lock. */
	private boolean anyQueued() {
		for (Lane lane : this.lanes) {
			if (lane.queuedTexts > 0) {
				return true;
			}
		}
		return false;
	}

	/** The next text to embed, from the first lane holding one, with a free model slot to run it in; null once closed. */
	private @Nullable Claim take() {
		this.lock.lock();
		try {
			while (!this.closed) {
				if (!this.freeSlots.isEmpty()) {
					for (Lane lane : this.lanes) {
						Request request = lane.requests.peekFirst();
						if (request != null) {
							return new Claim(request, lane.takeFromHead(this.batchSize), lane,
									this.freeSlots.removeFirst());
						}
					}
				}
				this.work.awaitUninterruptibly();
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Model calls made so far, for tests and health. */
	long modelCalls() {
		return this.modelCalls.get();
	}

	/** Of {@link #modelCalls()}, those run on the caller's thread (lone queries that found a slot free). */
	long callerRuns() {
		return this.callerRunCount.get();
	}

	/** Texts not yet started in {@code priority}'s lane. */
	int queuedTexts(Priority priority) {
		return queuedTexts(this.lanes[priority.ordinal()]);
	}

	/** Stops the model threads after their current text; texts still queued fail their requests. */
	@Override
	public void close() {
		List<Request> abandoned = new ArrayList<>();
		this.lock.lock();
		try {
			this.closed = true;
			for (Lane lane : this.lanes) {
				abandoned.addAll(lane.requests);
				for (Request request : List.copyOf(lane.requests)) {
					lane.remove(request);
				}
			}
			this.work.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		abandoned.forEach((request) -> request.done.completeExceptionally(
				new IllegalStateException("The embedder was closed before this request ran")));
		// A query running on its caller's thread holds a slot: wait for it too, so the session outlives its calls.
		this.lock.lock();
		try {
			long remaining = Duration.ofSeconds(10).toNanos();
			while (this.freeSlots.size() < this.workers.size() && remaining > 0) {
				remaining = this.work.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		finally {
			this.lock.unlock();
		}
		for (Thread worker : this.workers) {
			try {
				// A model call on a long text takes well under a second; ten are plenty.
				worker.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private record Claim(Request request, int text, Lane lane, int slot) {
	}

	/** One caller's texts. {@code next} and {@code lastStartNanos} are written under the queue's lock. */
	private static final class Request {

		private final long[][] inputs;

		private final int[] order;

		private final float[][] vectors;

		private final AtomicInteger remaining;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		/** Position in {@code order} of the next text to start. */
		private volatile int next;

		/** When the request was queued or one of its texts last started. */
		private volatile long lastStartNanos = System.nanoTime();

		Request(long[][] inputs, int[] order) {
			this.inputs = inputs;
			this.order = order;
			this.vectors = new float[inputs.length][];
			this.remaining = new AtomicInteger(order.length);
		}

		boolean allStarted() {
			return this.next >= this.order.length;
		}

	}

	/** One priority class: requests in turn order, and the count of their texts not yet started. */
	private static final class Lane {

		private final ArrayDeque<Request> requests = new ArrayDeque<>();

		private int queuedTexts;

		/** Texts the head request has taken in its current turn. */
		private int turn;

		void add(Request request) {
			this.requests.addLast(request);
			this.queuedTexts += request.order.length;
		}

		/** Starts the head request's next text; the head goes to the back after a turn, or leaves when done. */
		int takeFromHead(int batchSize) {
			Request head = this.requests.getFirst();
			int text = head.order[head.next++];
			head.lastStartNanos = System.nanoTime();
			this.queuedTexts--;
			if (head.allStarted()) {
				this.requests.removeFirst();
				this.turn = 0;
			}
			else if (++this.turn >= batchSize) {
				this.requests.addLast(this.requests.removeFirst());
				this.turn = 0;
			}
			return text;
		}

		int remove(Request request) {
			int dropped = request.order.length - request.next;
			if (dropped == 0) {
				return 0;
			}
			if (this.requests.peekFirst() == request) {
				this.turn = 0;
			}
			this.requests.remove(request);
			this.queuedTexts -= dropped;
			request.next = request.order.length;
			return dropped;
		}

	}

}
