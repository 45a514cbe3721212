package io.ragwell.ingest.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.ragwell.core.NotFoundException;
import io.ragwell.core.SharedJobRecords;
import io.ragwell.core.SharedJobRecords.Stored;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs shared by every replica of a store that several share ({@link SharedJobRecords}, OpenSearch), in place of
 * the local spool.
 * <ul>
 * <li><b>Accept</b>: the input (JSON documents and file bytes) and then the job's record are written to the store;
 * the job is acknowledged only when both are durable there, so any replica can run it.</li>
 * <li><b>Lease</b>: a worker of any replica takes a queued job, or one whose lease expired, by a compare-and-set
 * of its record naming itself as owner until now + {@code ragwell.jobs.lease}. It renews the lease every third of
 * that while it runs, and each batch's outcome is appended to the record under the same compare-and-set, so a
 * replica that lost its lease (it stalled past the expiry and another took over) can record nothing more: its
 * next write fails and it stops.</li>
 * <li><b>Resume</b>: when a replica dies, its lease expires and another replica's worker takes the job and
 * continues after the last recorded document. Documents recorded are never redone; a batch written but not yet
 * recorded is ingested again and comes back {@code unchanged} (same id, same content hash: nothing embedded).</li>
 * <li><b>Read and cancel</b> from any replica: {@code GET /jobs/{id}} reads the record in real time; a cancel is
 * appended to it, and the runner sees it at its next write.</li>
 * </ul>
 * The record's state is the same event list the local spool logs ({@link Job#apply}), as JSON.
 */
final class SharedJobs {

	private static final Logger log = LoggerFactory.getLogger(SharedJobs.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How often an idle worker looks for a job to take. */
	private static final Duration POLL = Duration.ofMillis(500);

	/** Compare-and-set attempts of one write before the writer concludes it lost the job. */
	private static final int MAX_ATTEMPTS = 20;

	/** What the runner needs of {@link JobService}: its batch processing and whether it is running. */
	interface Processor {

		List<Map<String, Object>> process(Job job, List<JobItem> items, List<Integer> group, FileResolver files);

		boolean running();

		/** Sleeps up to {@code millis}, cut short by shutdown. */
		void pause(long millis);

	}

	/** Where a file item's bytes are on local disk while it is parsed. */
	@FunctionalInterface
	interface FileResolver {

		Path path(JobItem.File file);

	}

	private final JobsProperties properties;

	private final SharedJobRecords records;

	private final Processor processor;

	private final Clock clock;

	/** This replica, as a lease names it: host, pid and a random part (a pid can be reused). */
	private final String owner;

	private final Map<String, Held> held = new ConcurrentHashMap<>();

	/** Serialises acceptance on this replica (see {@link #accept}); fair, so no request waits behind later ones. */
	private final ReentrantLock admission = new ReentrantLock(true);

	/** How long a request waits for its turn to be accepted before it is refused with 429 (a slow store). */
	private static final Duration ADMISSION_WAIT = Duration.ofSeconds(10);

	private final List<Thread> workers = new ArrayList<>();

	private @Nullable ScheduledExecutorService scheduler;

	SharedJobs(JobsProperties properties, SharedJobRecords records, Processor processor, Clock clock) {
		this.properties = properties;
		this.records = records;
		this.processor = processor;
		this.clock = clock;
		this.owner = hostName() + "/" + ProcessHandle.current().pid() + "/"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	String owner() {
		return this.owner;
	}

	// ---- accepting, reading, cancelling

	JobView accept(String namespace, List<JobItem> items, Map<String, FileContent> contents, long fileBytes) {
		String id = UUID.randomUUID().toString();
		byte[] input = JobSpool.serialise(items);
		long bytes = input.length + fileBytes;
		long maxBytes = this.properties.maxSpoolBytes().toBytes();
		if (bytes > maxBytes) {
			throw new JobTooLargeException("the job's input takes " + bytes + " bytes; a job holds at most " + maxBytes
					+ " (ragwell.jobs.max-spool-bytes)");
		}
		// One acceptance at a time on this replica: the count and the write that makes it one more are then one
		// step, so requests arriving together cannot all read the same count and all pass (other replicas can
		// still pass it by one each: the store has no counter to take a place in), and one job's files at most
		// are held in memory for the store's write, not those of every concurrent request.
		acquireAdmission();
		JobSpool.Meta meta;
		try {
			long unfinished = this.records.unfinished();
			if (unfinished >= this.properties.maxQueued()) {
				throw new JobQueueFullException("the job queue holds " + unfinished
						+ " unfinished jobs, the most it accepts (ragwell.jobs.max-queued)", Duration.ofSeconds(5));
			}
			Map<String, byte[]> parts = new LinkedHashMap<>();
			parts.put(JobSpool.INPUT, input);
			for (Map.Entry<String, FileContent> file : contents.entrySet()) {
				try (InputStream in = file.getValue().open()) {
					parts.put(file.getKey(), in.readAllBytes());
				}
				catch (IOException ex) {
					throw new UncheckedIOException("an uploaded file could not be read", ex);
				}
			}
			meta = new JobSpool.Meta(id, namespace, this.clock.instant(), items.size(), bytes);
			this.records.create(id, namespace, meta.createdAt(), JobState.QUEUED.wire(), state(meta, List.of()),
					parts);
		}
		finally {
			this.admission.unlock();
		}
		log.info("job accepted id={} namespace={} documents={} bytes={} (shared)", id, namespace, items.size(), bytes);
		return new Job(meta).view();
	}

	private void acquireAdmission() {
		try {
			if (this.admission.tryLock(ADMISSION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new JobQueueFullException("the job queue is busy accepting other jobs", Duration.ofSeconds(5));
	}

	/**
	 * Jobs in {@code state}, all tenants and replicas together, for the {@code rag_jobs} gauge: counted in the
	 * store at most every {@link #COUNT_TTL} (a scrape is not a store round trip per state), and the last count
	 * kept while the store cannot answer.
	 */
	double count(JobState state) {
		long now = this.clock.millis();
		CachedCount cached = this.counts.get(state);
		if (cached == null || now - cached.at() >= COUNT_TTL.toMillis()) {
			try {
				cached = new CachedCount(this.records.count(state.wire()), now);
				this.counts.put(state, cached);
			}
			catch (RuntimeException ex) {
				log.debug("jobs: count of {} failed: {}", state.wire(), ex.getMessage());
				return (cached != null) ? cached.value() : Double.NaN;
			}
		}
		return cached.value();
	}

	private static final java.time.Duration COUNT_TTL = java.time.Duration.ofSeconds(5);

	private record CachedCount(long value, long at) {
	}

	private final Map<JobState, CachedCount> counts = new java.util.concurrent.ConcurrentHashMap<>();

	JobView get(String namespace, String id) {
		return job(find(namespace, id)).view();
	}

	List<JobView> list(String namespace, @Nullable JobState state, int limit) {
		return this.records.list(namespace, (state == null) ? null : state.wire(), limit)
			.stream()
			.map(stored -> job(stored).view())
			.toList();
	}

	JobView cancel(String namespace, String id) {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Stored stored = find(namespace, id);
			Job job = job(stored);
			JobState state = job.state();
			if (state.finished()) {
				throw new JobConflictException("job '" + id + "' has already " + (state == JobState.SUCCEEDED
						? "succeeded" : (state == JobState.FAILED) ? "failed" : "been cancelled")
						+ "; only queued or running jobs can be cancelled");
			}
			List<Map<String, Object>> events = new ArrayList<>(events(stored));
			if (!job.cancelRequested()) {
				events.add(Job.event(Job.EVENT_CANCEL, this.clock.instant()));
			}
			// Nobody runs it (never taken, or its runner died): it ends now; otherwise its runner ends it.
			boolean now = stored.leaseOwner() == null || stored.leaseUntil() < this.clock.millis();
			if (now) {
				Map<String, Object> finished = Job.event(Job.EVENT_FINISHED, this.clock.instant());
				finished.put("state", JobState.CANCELLED.wire());
				events.add(finished);
			}
			Optional<Stored> written = this.records.replace(stored, status(meta(stored), events),
					state(meta(stored), events),
					now ? null : stored.leaseOwner(), now ? 0 : stored.leaseUntil(), now);
			if (written.isPresent()) {
				if (now) {
					deleteInputsQuietly(id);
				}
				log.info("job cancel id={} namespace={} immediate={} (shared)", id, namespace, now);
				return job(written.get()).view();
			}
		}
		throw new JobConflictException("job '" + id + "' kept changing; try the cancel again");
	}

	private Stored find(String namespace, String id) {
		Optional<Stored> stored = JobSpool.ID.matcher(id).matches() ? this.records.find(id) : Optional.empty();
		// Another tenant's job is as missing as one that never existed.
		if (stored.isEmpty() || !stored.get().namespace().equals(namespace)) {
			throw new NotFoundException("job '" + id + "' does not exist");
		}
		return stored.get();
	}

	// ---- running

	void start() {
		for (int i = 1; i <= this.properties.workers(); i++) {
			this.workers.add(Thread.ofPlatform().name("ragwell-jobs-shared-" + i).daemon(true).start(this::work));
		}
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("ragwell-jobs-lease").daemon(true).factory());
		long renewEvery = Math.max(100, this.properties.lease().toMillis() / 3);
		timer.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
		timer.scheduleWithFixedDelay(this::sweep, 0, 1, TimeUnit.MINUTES);
		this.scheduler = timer;
		log.info("jobs: shared in the store, this replica is {}, lease {}", this.owner, this.properties.lease());
	}

	/** Called once the service stopped running: workers end their batch and give their leases back. */
	void stop() {
		for (Thread worker : this.workers) {
			try {
				worker.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.workers.clear();
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		for (Held job : this.held.values()) {
			job.release();
		}
	}

	private void work() {
		while (this.processor.running()) {
			Held taken = null;
			try {
				for (Stored candidate : this.records.claimable(this.clock.millis(), 10)) {
					taken = claim(candidate);
					if (taken != null) {
						break;
					}
				}
			}
			catch (RuntimeException ex) {
				log.debug("jobs: could not look for work: {}", ex.getMessage());
			}
			if (taken == null) {
				this.processor.pause(POLL.toMillis());
				continue;
			}
			try {
				run(taken);
			}
			catch (RuntimeException | Error ex) {
				if (!this.processor.running()) {
					taken.release();
				}
				else {
					// The store failed under us: the lease runs out and a replica (maybe this one) resumes the job.
					log.warn("job stopped id={} on this replica ({}); it resumes when its lease expires", taken.id(),
							ex.getMessage());
				}
			}
			finally {
				this.held.remove(taken.id());
			}
		}
	}

	private @Nullable Held claim(Stored candidate) {
		Job job = job(candidate);
		if (job.state().finished()) {
			// Ended but not marked so (written by a version with the renewal race): mark it, or it stays claimable
			// forever and, ten of them, starves every other job of a worker.
			this.records.replace(candidate, job.state().wire(), candidate.state(), null, 0, true)
				.ifPresent(ended -> deleteInputsQuietly(ended.id()));
			return null;
		}
		List<Map<String, Object>> events = new ArrayList<>(events(candidate));
		if (job.startedAt() == null) {
			events.add(Job.event(Job.EVENT_STARTED, this.clock.instant()));
		}
		Optional<Stored> taken = this.records.replace(candidate, status(meta(candidate), events),
				state(meta(candidate), events), this.owner,
				this.clock.millis() + this.properties.lease().toMillis(), false);
		if (taken.isEmpty()) {
			return null; // another replica was quicker
		}
		if (candidate.leaseOwner() != null) {
			log.info("job taken over id={} from {} (lease expired) by {}", candidate.id(), candidate.leaseOwner(),
					this.owner);
		}
		Held held = new Held(taken.get());
		this.held.put(held.id(), held);
		return held;
	}

	private void run(Held held) {
		String id = held.id();
		List<JobItem> items = JobSpool.parseItems(this.records.input(id, JobSpool.INPUT));
		Path files = this.properties.path().resolve(COPIES + id);
		try {
			int next = 0;
			while (next < items.size()) {
				if (!this.processor.running()) {
					throw new JobService.Stopping();
				}
				Job job = held.job();
				if (job.cancelRequested()) {
					break;
				}
				if (job.isProcessed(next)) {
					next++;
					continue;
				}
				List<Integer> group = JobService.batch(items, next, job, this.properties.batchDocuments());
				List<Map<String, Object>> events = this.processor.process(job, items, group,
						file -> materialise(id, file, files));
				held.append(events, false);
				next = group.getLast() + 1;
			}
			Job finished = held.append(List.of(), true);
			deleteInputsQuietly(id);
			JobView view = finished.view();
			log.info("job finished id={} namespace={} state={} documents={} done={} failed={} (shared, by {})", id,
					finished.namespace(), view.state(), view.documents().total(), view.documents().done(),
					view.documents().failed(), this.owner);
		}
		catch (LeaseLost ex) {
			log.warn("job id={}: this replica lost its lease; the replica that took it over continues", id);
		}
		finally {
			try {
				JobSpool.deleteRecursively(files);
			}
			catch (IOException ex) {
				log.debug("could not delete {}: {}", files, ex.getMessage());
			}
		}
	}

	/** A file item's bytes, copied from the store to local disk for the parser. */
	private Path materialise(String id, JobItem.File file, Path dir) {
		try {
			Files.createDirectories(dir);
			Path path = dir.resolve(Integer.toString(Math.abs(file.file().hashCode())) + ".bin");
			if (!Files.exists(path)) {
				Files.write(path, this.records.input(id, file.file()));
			}
			return path;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void renewLeases() {
		for (Held job : this.held.values()) {
			try {
				job.append(List.of(), false);
			}
			catch (LeaseLost ex) {
				log.warn("job id={}: lease lost at renewal", job.id());
			}
			catch (RuntimeException ex) {
				log.debug("job id={}: lease renewal failed ({}); retried", job.id(), ex.getMessage());
			}
		}
	}

	private void sweep() {
		try {
			this.records.deleteFinishedBefore(this.clock.instant().minus(this.properties.retention()));
			this.records.deleteFinishedBeyond(this.properties.maxRetained());
		}
		catch (RuntimeException ex) {
			log.debug("jobs: retention sweep failed: {}", ex.getMessage());
		}
		deleteStaleCopies();
	}

	/**
	 * Deletes local copies of file items ({@link #materialise}) that a replica which died mid-job left behind, once
	 * their job has ended or is gone: run() deletes its copies when it ends, but a kill left them on local disk for
	 * good, a file per crash. Copies of a job still unfinished stay (a replica on this disk may be parsing them).
	 */
	private void deleteStaleCopies() {
		Path root = this.properties.path();
		if (!Files.isDirectory(root)) {
			return;
		}
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, COPIES + "*")) {
			for (Path dir : dirs) {
				String id = String.valueOf(dir.getFileName()).substring(COPIES.length());
				if (!JobSpool.ID.matcher(id).matches() || this.held.containsKey(id)) {
					continue;
				}
				Optional<Stored> stored = this.records.find(id);
				if (stored.isEmpty() || stored.get().finished()) {
					JobSpool.deleteRecursively(dir);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("jobs: stale file copies not deleted yet: {}", ex.getMessage());
		}
	}

	/** Prefix of the local directory holding a shared job's file items while it runs here. */
	private static final String COPIES = "shared-";

	private void deleteInputsQuietly(String id) {
		try {
			this.records.deleteInputs(id);
		}
		catch (RuntimeException ex) {
			// The retention sweep deletes them with the job.
			log.debug("job id={}: input not deleted yet: {}", id, ex.getMessage());
		}
	}

	/**
	 * A job this replica holds the lease of: the record as last written, changed only by compare-and-set. A
	 * conflict re-reads it: still ours (a cancel came in), the write is redone on top; another owner's, or ended,
	 * and the job is no longer ours ({@link LeaseLost}).
	 */
	private final class Held {

		private Stored current;

		Held(Stored current) {
			this.current = current;
		}

		String id() {
			return this.current.id();
		}

		synchronized Job job() {
			return SharedJobs.job(this.current);
		}

		/**
		 * Appends events (and the end, when {@code finish}), renewing the lease; returns the job as written. Once
		 * the job has ended nothing more is written: the lease timer may still tick between the end and the worker
		 * letting the job go, and a renewal then would write the record back as unfinished and leased, a job no
		 * replica runs, counted against the queue and never swept.
		 */
		synchronized Job append(List<Map<String, Object>> events, boolean finish) {
			if (this.current.finished()) {
				return SharedJobs.job(this.current);
			}
			for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
				List<Map<String, Object>> all = new ArrayList<>(events(this.current));
				all.addAll(events);
				JobSpool.Meta meta = meta(this.current);
				if (finish) {
					Job job = rebuild(meta, all);
					Map<String, Object> end = Job.event(Job.EVENT_FINISHED, SharedJobs.this.clock.instant());
					end.put("state", job.outcome().wire());
					all.add(end);
				}
				Optional<Stored> written = SharedJobs.this.records.replace(this.current, status(meta, all), state(meta, all),
						finish ? null : SharedJobs.this.owner,
						finish ? 0 : SharedJobs.this.clock.millis() + SharedJobs.this.properties.lease().toMillis(),
						finish);
				if (written.isPresent()) {
					this.current = written.get();
					return SharedJobs.job(this.current);
				}
				Stored fresh = SharedJobs.this.records.find(id()).orElseThrow(LeaseLost::new);
				if (fresh.finished() || !SharedJobs.this.owner.equals(fresh.leaseOwner())) {
					throw new LeaseLost();
				}
				this.current = fresh;
			}
			throw new LeaseLost();
		}

		/** Gives the lease back (shutdown), so another replica resumes the job at once; best effort. */
		synchronized void release() {
			if (this.current.finished()) {
				return;
			}
			try {
				SharedJobs.this.records.replace(this.current, SharedJobs.job(this.current).state().wire(), this.current.state(), null,
						0, false);
			}
			catch (RuntimeException ex) {
				log.debug("job id={}: lease not released ({}); it expires", id(), ex.getMessage());
			}
		}

	}

	/** This replica no longer holds the job's lease. */
	private static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super(null, null, false, false);
		}

	}

	// ---- the record's state

	private static String state(JobSpool.Meta meta, List<Map<String, Object>> events) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("meta", JobSpool.metaMap(meta));
		state.put("events", events);
		return JSON.writeValueAsString(state);
	}

	/** The job's state in one word once {@code events} are applied, indexed so that listings filter in the store. */
	private static String status(JobSpool.Meta meta, List<Map<String, Object>> events) {
		return rebuild(meta, events).state().wire();
	}

	private static Map<?, ?> parse(Stored stored) {
		return JSON.readValue(stored.state(), Map.class);
	}

	private static JobSpool.Meta meta(Stored stored) {
		return JobSpool.parseMeta((Map<?, ?>) java.util.Objects.requireNonNull(parse(stored).get("meta")));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> events(Stored stored) {
		Object events = parse(stored).get("events");
		return (events instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of();
	}

	private static Job job(Stored stored) {
		return rebuild(meta(stored), events(stored));
	}

	private static Job rebuild(JobSpool.Meta meta, List<Map<String, Object>> events) {
		Job job = new Job(meta);
		events.forEach(job::apply);
		return job;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "unknown-host";
		}
	}

}
