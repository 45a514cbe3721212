package io.ragwell.ingest.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.SharedJobRecords;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.IngestResult;
import io.ragwell.ingest.jobs.JobView.JobError;
import io.ragwell.query.metrics.RagMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Accepts, runs, cancels and forgets background ingestion jobs.
 * <ol>
 * <li><b>Accept</b>: validate the documents as a synchronous request would (a bad one is a 400 now, not a failed
 * job later), assign every id, reserve a place under {@code max-queued} and {@code max-spool-bytes} (429 beyond),
 * write the job durably ({@link JobSpool#create}); only then is it queued and acknowledged.</li>
 * <li><b>Run</b>: {@code workers} threads take jobs in acceptance order and feed their documents to the ingest
 * pipeline {@code batch-documents} at a time, on the embedder's bulk lane (queries always go first). Each batch's
 * outcome is fsynced to the job's log before it counts. A document that fails fails alone; one whose failure is
 * the server's (an overloaded embedder, an unreachable store) is retried first.</li>
 * <li><b>Recover</b>: at startup every job on disk is rebuilt from its log, and every unfinished one is queued
 * again and continues after its last logged document. A document written but not yet logged when the process
 * died is ingested again and comes back {@code unchanged}: same id, same content hash, nothing embedded.</li>
 * <li><b>Forget</b>: a finished job's input is deleted at once; its log after {@code retention}, or earlier
 * when more than {@code max-retained} finished jobs are kept.</li>
 * </ol>
 * With a {@link SharedJobRecords} (a store several replicas share) all of this happens in the store instead of the
 * local spool, under a lease any replica can take over: see {@link SharedJobs}. Validation and the batch
 * processing are the same.
 */
public class JobService implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobService.class);

	/** Attempts per batch when the failure is the server's, with waits of 1 s and 4 s between them. */
	private static final int ATTEMPTS = 3;

	/** What a worker needs of the ingest pipeline; {@code IngestService} in the application. */
	public interface DocumentIngestor {

		/** Validates without writing and assigns ids ({@code IngestService#prepare}). */
		List<DocumentInput> prepare(DocumentInput input);

		/** Ingests single documents as one batch, results in order ({@code IngestService#ingest}). */
		List<IngestResult> ingest(String namespace, List<DocumentInput> documents);

		/**
		 * Refuses a file's id, metadata or source as a synchronous upload would, without reading the file
		 * ({@code IngestService#checkFileFields}).
		 */
		void checkFile(String id, Map<String, Object> metadata, @Nullable String source, String filename);

	}

	/**
	 * One uploaded file of an async multipart request.
	 * @param id the document id
	 * @param source where it came from
	 * @param metadata metadata for it
	 * @param filename its name
	 * @param contentType its media type
	 * @param size its length in bytes
	 * @param content its bytes, read once, at acceptance
	 */
	public record FileUpload(String id, @Nullable String source, Map<String, Object> metadata, String filename,
			String contentType, long size, FileContent content) {
	}

	private final JobsProperties properties;

	private final JobSpool spool;

	private final DocumentIngestor documents;

	private final FileItemIngestor files;

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

	/** Guards {@link #unfinished} and {@link #spoolBytes}, the two admission bounds. */
	private final Object admission = new Object();

	private int unfinished;

	private long spoolBytes;

	/** Recent seconds per job, to tell a refused client when to come back. */
	private volatile double secondsPerJob = 5;

	private volatile boolean running;

	private final Object wakeUp = new Object();

	private final List<Thread> workers = new ArrayList<>();

	private volatile @Nullable ScheduledExecutorService sweeper;

	/** A sweep is waiting to run on {@link #sweeper} because finished jobs passed {@code max-retained}. */
	private final AtomicBoolean sweepRequested = new AtomicBoolean();

	/** The jobs in the store every replica shares, when there is one; the local spool is unused then. */
	private final @Nullable SharedJobs shared;

	public JobService(JobsProperties properties, DocumentIngestor documents, FileItemIngestor files,
			MeterRegistry registry) {
		this(properties, documents, files, registry, Clock.systemUTC(), null);
	}

	/**
	 * @param sharedRecords where jobs live when several replicas share the store (OpenSearch); null for the local
	 * spool ({@code ragwell.jobs.path})
	 */
	public JobService(JobsProperties properties, DocumentIngestor documents, FileItemIngestor files,
			MeterRegistry registry, @Nullable SharedJobRecords sharedRecords) {
		this(properties, documents, files, registry, Clock.systemUTC(), sharedRecords);
	}

	JobService(JobsProperties properties, DocumentIngestor documents, FileItemIngestor files, MeterRegistry registry,
			Clock clock) {
		this(properties, documents, files, registry, clock, null);
	}

	JobService(JobsProperties properties, DocumentIngestor documents, FileItemIngestor files, MeterRegistry registry,
			Clock clock, @Nullable SharedJobRecords sharedRecords) {
		this.shared = (sharedRecords == null) ? null
				: new SharedJobs(properties, sharedRecords, new SharedJobs.Processor() {

					@Override
					public List<Map<String, Object>> process(Job job, List<JobItem> items, List<Integer> group,
							SharedJobs.FileResolver resolver) {
						return JobService.this.process(job, items, group, resolver);
					}

					@Override
					public boolean running() {
						return JobService.this.running;
					}

					@Override
					public void pause(long millis) {
						try {
							JobService.this.pause(millis);
						}
						catch (Stopping ex) {
							// Shutting down: the worker loop sees it and ends.
						}
					}

				}, clock);
		this.properties = properties;
		this.spool = new JobSpool(properties.path());
		this.documents = documents;
		this.files = files;
		this.registry = registry;
		this.clock = clock;
		for (JobState state : JobState.values()) {
			Gauge.builder(RagMetrics.JOBS, this, service -> service.count(state))
				.description("Background ingestion jobs kept, by state")
				.tag("state", state.wire())
				.register(registry);
		}
	}

	/**
	 * The items ingested together from {@code next} (unprocessed): JSON documents up to {@code max} in one batch,
	 * a file alone (each file is parsed and ingested on its own). Shared by the local and the replicated runner.
	 */
	static List<Integer> batch(List<JobItem> items, int next, Job job, int max) {
		List<Integer> group = new ArrayList<>();
		group.add(next);
		if (items.get(next) instanceof JobItem.Json) {
			for (int i = next + 1; i < items.size() && group.size() < max && items.get(i) instanceof JobItem.Json
					&& !job.isProcessed(i); i++) {
				group.add(i);
			}
		}
		return group;
	}

	// ---- accepting

	/**
	 * Accepts the documents of a {@code POST /documents?mode=async}: validated now, ingested in the background.
	 * @throws io.ragwell.core.InvalidRequestException when a synchronous request would have been refused
	 * @throws JobQueueFullException when {@code max-queued} unfinished jobs exist or the spool is full
	 */
	public JobView submit(String namespace, DocumentInput input) {
		List<JobItem> items = new ArrayList<>();
		for (DocumentInput document : this.documents.prepare(input)) {
			items.add(new JobItem.Json(document));
		}
		return accept(namespace, items, Map.of(), 0);
	}

	/** Accepts uploaded files; their bytes are read into the spool before this returns. */
	public JobView submitFiles(String namespace, List<FileUpload> uploads) {
		List<JobItem> items = new ArrayList<>(uploads.size());
		Map<String, FileContent> contents = new LinkedHashMap<>();
		long bytes = 0;
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < uploads.size(); i++) {
			FileUpload upload = uploads.get(i);
			// Refused now, as a synchronous upload would be: a job never holds a file it could only fail on for
			// what the caller said about it.
			this.documents.checkFile(upload.id(), upload.metadata(), upload.source(), upload.filename());
			if (!ids.add(upload.id())) {
				throw new InvalidRequestException("invalid-request", "id",
						"document id '" + upload.id() + "' appears twice in the request");
			}
			String name = JobSpool.FILES + "/" + i;
			items.add(new JobItem.File(upload.id(), upload.source(), upload.metadata(), upload.filename(),
					upload.contentType(), name, upload.size()));
			contents.put(name, upload.content());
			bytes += upload.size();
		}
		return accept(namespace, items, contents, bytes);
	}

	private JobView accept(String namespace, List<JobItem> items, Map<String, FileContent> contents,
			long fileBytes) {
		if (this.shared != null) {
			return this.shared.accept(namespace, items, contents, fileBytes);
		}
		String id = UUID.randomUUID().toString();
		byte[] input = JobSpool.serialise(items);
		long bytes = input.length + fileBytes;
		reserve(bytes);
		Job job;
		try {
			JobSpool.Meta meta = new JobSpool.Meta(id, namespace, this.clock.instant(), items.size(), bytes);
			this.spool.create(meta, input, contents);
			job = new Job(meta);
		}
		catch (IOException | RuntimeException ex) {
			release(bytes);
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("the job could not be written to the spool", io);
			}
			throw (RuntimeException) ex;
		}
		// Seen as accepted, before a worker can take it.
		JobView accepted = job.view();
		this.jobs.put(id, job);
		this.queue.add(job);
		log.info("job accepted id={} namespace={} documents={} bytes={}", id, namespace, items.size(), bytes);
		return accepted;
	}

	private void reserve(long bytes) {
		long maxBytes = this.properties.maxSpoolBytes().toBytes();
		if (bytes > maxBytes) {
			throw new JobTooLargeException("the job's input takes " + bytes + " bytes; the job spool holds at most "
					+ maxBytes + " (ragwell.jobs.max-spool-bytes)");
		}
		synchronized (this.admission) {
			if (this.unfinished >= this.properties.maxQueued()) {
				throw new JobQueueFullException("the job queue holds " + this.unfinished
						+ " unfinished jobs, the most it accepts (ragwell.jobs.max-queued)", retryAfter());
			}
			if (this.spoolBytes + bytes > maxBytes) {
				throw new JobQueueFullException("the job spool holds " + this.spoolBytes
						+ " bytes of unfinished jobs; this one would pass " + maxBytes + " (ragwell.jobs.max-spool-bytes)",
						retryAfter());
			}
			this.unfinished++;
			this.spoolBytes += bytes;
		}
	}

	private void release(long bytes) {
		synchronized (this.admission) {
			this.unfinished--;
			this.spoolBytes -= bytes;
		}
	}

	private Duration retryAfter() {
		return Duration.ofSeconds(Math.clamp(Math.round(this.secondsPerJob), 1, 60));
	}

	// ---- reading and cancelling

	/**
	 * The job, if the namespace owns it; another tenant's job is as missing as one that never existed.
	 * @throws NotFoundException otherwise
	 */
	public JobView get(String namespace, String id) {
		if (this.shared != null) {
			return this.shared.get(namespace, id);
		}
		return find(namespace, id).view();
	}

	/** The namespace's jobs, newest first, optionally in one state. */
	public List<JobView> list(String namespace, @Nullable JobState state, int limit) {
		if (this.shared != null) {
			return this.shared.list(namespace, state, limit);
		}
		return this.jobs.values()
			.stream()
			.filter(job -> job.namespace().equals(namespace))
			.filter(job -> state == null || job.state() == state)
			.sorted(Comparator.comparing((Job job) -> job.meta().createdAt()).thenComparing(Job::id).reversed())
			.limit(limit)
			.map(Job::view)
			.toList();
	}

	/**
	 * Cancels a queued job at once, a running one after its current batch (documents already written stay).
	 * @throws JobConflictException when the job has already finished
	 */
	public JobView cancel(String namespace, String id) {
		if (this.shared != null) {
			return this.shared.cancel(namespace, id);
		}
		Job job = find(namespace, id);
		boolean cancelledNow;
		synchronized (job) {
			JobState state = job.state();
			if (state.finished()) {
				throw new JobConflictException("job '" + id + "' has already " + (state == JobState.SUCCEEDED
						? "succeeded" : (state == JobState.FAILED) ? "failed" : "been cancelled")
						+ "; only queued or running jobs can be cancelled");
			}
			if (!job.cancelRequested()) {
				record(job, List.of(Job.event(Job.EVENT_CANCEL, this.clock.instant())));
			}
			cancelledNow = (state == JobState.QUEUED);
			if (cancelledNow) {
				// Not in the queue: a worker has just taken it and, once it holds the lock, finds it ended.
				boolean wasQueued = this.queue.remove(job);
				try {
					finish(job);
				}
				catch (UncheckedIOException ex) {
					// The cancel is logged, its end could not be: a worker ends it (taken out of the queue and left
					// so, it was a queued job nobody would ever run, holding its place under max-queued).
					log.warn("job cancel id={}: the end could not be logged yet; a worker ends it", id, ex);
					cancelledNow = false;
					if (wasQueued) {
						this.queue.add(job);
					}
				}
			}
		}
		log.info("job cancel id={} namespace={} immediate={}", id, namespace, cancelledNow);
		return job.view();
	}

	private Job find(String namespace, String id) {
		Job job = this.jobs.get(id);
		if (job == null || !job.namespace().equals(namespace)) {
			throw new NotFoundException("job '" + id + "' does not exist");
		}
		return job;
	}

	private double count(JobState state) {
		if (this.shared != null) {
			return this.shared.count(state);
		}
		return this.jobs.values().stream().filter(job -> job.state() == state).count();
	}

	// ---- running

	private void work() {
		while (this.running) {
			Job job;
			try {
				job = this.queue.poll(250, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (job == null) {
				continue;
			}
			try {
				run(job);
			}
			catch (Stopping ex) {
				log.info("job paused for shutdown id={}; it resumes at the next start", job.id());
			}
			catch (IOException | UncheckedIOException ex) {
				// The spool cannot record progress. What was not logged was not applied either, so the job is tried
				// again later from its last logged document (left alone, it stayed "running" with no worker on it
				// until a restart, holding its place under max-queued).
				log.error("job paused id={}: its spool could not be read or written; it is tried again later", job.id(),
						ex);
				retryLater(job);
			}
			catch (RuntimeException | Error ex) {
				// Not a document's failure (process() records those) but the job's: it cannot go on. It ends failed
				// rather than stay "running" for good, holding its place under max-queued, and this worker stays:
				// a thread that died here left every later job queued until a restart.
				abandon(job, ex);
			}
		}
	}

	/** Ends a job that cannot go on: every document not yet processed fails with an internal error. */
	private void abandon(Job job, Throwable cause) {
		String errorId = UUID.randomUUID().toString();
		log.error("job failed id={} error_id={}: it could not go on", job.id(), errorId, cause);
		List<JobItem> items;
		try {
			items = this.spool.readItems(job.id());
		}
		catch (IOException | RuntimeException ex) {
			items = List.of();
		}
		try {
			synchronized (job) {
				if (job.state().finished()) {
					return;
				}
				List<Map<String, Object>> events = new ArrayList<>();
				for (int index = 0; index < job.meta().documents(); index++) {
					if (!job.isProcessed(index)) {
						String documentId = (index < items.size()) ? items.get(index).documentId() : "";
						events.add(failed(index, new JobError(documentId, "internal-error", 500,
								"the job failed on the server; the error was logged with id " + errorId)));
					}
				}
				record(job, events);
				finish(job);
			}
		}
		catch (RuntimeException ex) {
			log.error("job id={} could not be ended; it is tried again later", job.id(), ex);
			retryLater(job);
		}
	}

	/** Queues the job again after a pause that grows with its spool failures (1 s doubling up to a minute). */
	private void retryLater(Job job) {
		ScheduledExecutorService scheduler = this.sweeper;
		if (scheduler == null) {
			return;
		}
		long delay = Math.min(Duration.ofMinutes(1).toMillis(), 1000L << Math.min(job.spoolFailed() - 1, 6));
		try {
			scheduler.schedule(() -> {
				if (this.running && !job.state().finished()) {
					this.queue.add(job);
				}
			}, delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the next start resumes the job from its log.
		}
	}

	private void run(Job job) throws IOException {
		synchronized (job) {
			if (job.state().finished()) {
				return;
			}
			Instant startedAt = job.startedAt();
			Map<String, Object> started = Job.event(Job.EVENT_STARTED,
					(startedAt != null) ? startedAt : this.clock.instant());
			if (startedAt == null) {
				record(job, List.of(started));
			}
			else {
				job.apply(started);
			}
		}
		List<JobItem> items = this.spool.readItems(job.id());
		int next = 0;
		while (next < items.size()) {
			if (!this.running) {
				throw new Stopping();
			}
			if (job.cancelRequested()) {
				break;
			}
			if (job.isProcessed(next)) {
				next++;
				continue;
			}
			List<Integer> group = batch(items, next, job, this.properties.batchDocuments());
			List<Map<String, Object>> events = process(job, items, group);
			synchronized (job) {
				record(job, events);
			}
			next = group.getLast() + 1;
		}
		synchronized (job) {
			finish(job);
		}
	}

	/** Ingests one group of documents; the events that record each one's outcome, in order. */
	private List<Map<String, Object>> process(Job job, List<JobItem> items, List<Integer> group) {
		return process(job, items, group, file -> this.spool.file(job.id(), file.file()));
	}

	/** The same, with the file items' bytes where {@code files} says. */
	private List<Map<String, Object>> process(Job job, List<JobItem> items, List<Integer> group,
			SharedJobs.FileResolver files) {
		String namespace = job.namespace();
		List<Map<String, Object>> events = new ArrayList<>(group.size());
		if (items.get(group.getFirst()) instanceof JobItem.File file) {
			StoredFile stored = new StoredFile(file.id(), file.source(), file.metadata(), file.filename(),
					file.contentType(), files.path(file), file.size());
			try {
				IngestResult result = withRetries(() -> this.files.ingest(namespace, stored));
				events.add(done(group.getFirst(), result));
			}
			catch (Stopping ex) {
				// The service is stopping: nothing is recorded, the document is ingested at the next start.
				throw ex;
			}
			catch (RuntimeException | Error ex) {
				events.add(failed(group.getFirst(), JobFailures.error(file.id(), ex)));
			}
			return events;
		}
		List<DocumentInput> batch = new ArrayList<>(group.size());
		for (int index : group) {
			batch.add(((JobItem.Json) items.get(index)).document());
		}
		try {
			List<IngestResult> results = withRetries(() -> this.documents.ingest(namespace, batch));
			for (int i = 0; i < group.size(); i++) {
				events.add(done(group.get(i), results.get(i)));
			}
		}
		catch (Stopping ex) {
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			if (group.size() > 1 && JobFailures.permanent(ex)) {
				// One bad document refuses the whole batch: find it by ingesting the batch's documents one by one.
				for (int index : group) {
					events.addAll(process(job, items, List.of(index), files));
				}
			}
			else {
				for (int index : group) {
					events.add(failed(index, JobFailures.error(items.get(index).documentId(), ex)));
				}
			}
		}
		return events;
	}

	private <T> T withRetries(Supplier<T> call) {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					// The embedder or the store is closing under us: not the document's failure.
					throw new Stopping();
				}
				if (ex instanceof Stopping || JobFailures.permanent(ex) || attempt >= ATTEMPTS) {
					throw ex;
				}
				long waitMillis = 1000L << (2 * (attempt - 1));
				log.warn("job batch failed ({}), retrying in {} ms", ex.getClass().getSimpleName(), waitMillis);
				pause(waitMillis);
			}
		}
	}

	private void pause(long millis) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		synchronized (this.wakeUp) {
			long left;
			while (this.running && (left = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.wakeUp, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new Stopping();
				}
			}
		}
		if (!this.running) {
			throw new Stopping();
		}
	}

	private static Map<String, Object> done(int index, IngestResult result) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event", Job.EVENT_DOCUMENT);
		event.put("index", index);
		event.put("document_id", result.id());
		event.put("status", result.status());
		event.put("chunks", result.chunks());
		event.put("embedded", result.embedded());
		return event;
	}

	private static Map<String, Object> failed(int index, JobError error) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event", Job.EVENT_DOCUMENT);
		event.put("index", index);
		event.put("document_id", error.documentId());
		event.put("status", "failed");
		event.put("type", error.type());
		event.put("http_status", error.status());
		event.put("detail", error.detail());
		return event;
	}

	/** Appends events to the job's log (fsynced), then applies them. Callers hold the job's lock. */
	private void record(Job job, List<Map<String, Object>> events) {
		try {
			this.spool.append(job.id(), events);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		events.forEach(job::apply);
	}

	/** Ends the job in the state its documents add up to. The caller holds the job's lock. */
	private void finish(Job job) {
		if (job.state().finished()) {
			return;
		}
		JobState outcome = job.outcome();
		Map<String, Object> event = Job.event(Job.EVENT_FINISHED, this.clock.instant());
		event.put("state", outcome.wire());
		record(job, List.of(event));
		release(job.meta().inputBytes());
		try {
			this.spool.deleteInput(job.id());
		}
		catch (IOException ex) {
			// Harmless: the next start deletes the input of a finished job.
			log.warn("job finished id={} but its input could not be deleted yet", job.id(), ex);
		}
		if (this.jobs.size() - unfinished() > this.properties.maxRetained()) {
			requestSweep();
		}
		Duration duration = job.duration();
		Timer.builder(RagMetrics.JOB_DURATION)
			.description("Background ingestion jobs, from acceptance to their end")
			.tag("state", outcome.wire())
			.register(this.registry)
			.record(duration);
		this.secondsPerJob = 0.8 * this.secondsPerJob + 0.2 * duration.toMillis() / 1000.0;
		JobView view = job.view();
		log.info("job finished id={} namespace={} state={} documents={} done={} failed={} seconds={}", job.id(),
				job.namespace(), outcome.wire(), view.documents().total(), view.documents().done(),
				view.documents().failed(), duration.toMillis() / 1000.0);
	}

	// ---- lifecycle and retention

	@Override
	public void start() {
		if (this.shared != null) {
			this.running = true;
			this.shared.start();
			return;
		}
		int resumed = 0;
		try {
			for (JobSpool.Loaded loaded : this.spool.load()) {
				Job job = new Job(loaded.meta());
				loaded.events().forEach(job::apply);
				this.jobs.put(job.id(), job);
				if (job.state().finished()) {
					if (loaded.inputPresent()) {
						this.spool.deleteInput(job.id());
					}
					continue;
				}
				job.requeue();
				synchronized (this.admission) {
					this.unfinished++;
					this.spoolBytes += loaded.meta().inputBytes();
				}
				this.queue.add(job);
				resumed++;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the job spool " + this.spool.root() + " could not be read", ex);
		}
		log.info("jobs: spool {} resumed={} kept={}", this.spool.root(), resumed, this.jobs.size());
		this.running = true;
		sweep();
		for (int i = 1; i <= this.properties.workers(); i++) {
			this.workers.add(Thread.ofPlatform().name("ragwell-jobs-" + i).daemon(true).start(this::work));
		}
		Duration every = Duration.ofMillis(
				Math.clamp(this.properties.retention().toMillis() / 4, 1000, Duration.ofMinutes(1).toMillis()));
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("ragwell-jobs-retention").daemon(true).factory());
		scheduler.scheduleWithFixedDelay(this::sweep, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
		this.sweeper = scheduler;
	}

	/**
	 * Lets each worker end its current batch (no interrupt: an interrupted Lucene commit can close the index
	 * writer), then returns. What was not logged is redone at the next start.
	 */
	@Override
	public void stop() {
		this.running = false;
		synchronized (this.wakeUp) {
			this.wakeUp.notifyAll();
		}
		if (this.sweeper != null) {
			this.sweeper.shutdownNow();
		}
		if (this.shared != null) {
			this.shared.stop();
		}
		for (Thread worker : this.workers) {
			try {
				worker.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		this.workers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private int unfinished() {
		synchronized (this.admission) {
			return this.unfinished;
		}
	}

	/**
	 * Runs a sweep now, on the sweeper's thread: {@code max-retained} holds as jobs finish, not only at the
	 * periodic sweep (every minute with the default retention), so a client finishing small jobs in a loop cannot
	 * keep more directories and records than that in the meantime.
	 */
	private void requestSweep() {
		ScheduledExecutorService scheduler = this.sweeper;
		if (scheduler == null || !this.sweepRequested.compareAndSet(false, true)) {
			return;
		}
		try {
			scheduler.execute(() -> {
				this.sweepRequested.set(false);
				sweep();
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the next start sweeps.
			this.sweepRequested.set(false);
		}
	}

	/** Deletes finished jobs past {@code retention}, and the oldest beyond {@code max-retained}. */
	void sweep() {
		try {
			Instant cutoff = this.clock.instant().minus(this.properties.retention());
			List<Job> finished = this.jobs.values()
				.stream()
				.filter(job -> job.finishedAt() != null)
				.sorted(Comparator.comparing(job -> java.util.Objects.requireNonNull(job.finishedAt())))
				.toList();
			int excess = finished.size() - this.properties.maxRetained();
			for (int i = 0; i < finished.size(); i++) {
				Job job = finished.get(i);
				Instant finishedAt = java.util.Objects.requireNonNull(job.finishedAt());
				if (i < excess || finishedAt.isBefore(cutoff)) {
					this.spool.delete(job.id());
					this.jobs.remove(job.id());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("jobs: retention sweep failed; it runs again later", ex);
		}
	}

	/** Thrown on a worker when the service stops mid-job: nothing is recorded, the job resumes at the next start. */
	static final class Stopping extends RuntimeException {

		Stopping() {
			super(null, null, false, false);
		}

	}

}
