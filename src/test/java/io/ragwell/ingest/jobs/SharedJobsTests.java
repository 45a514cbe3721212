package io.ragwell.ingest.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.NotFoundException;
import io.ragwell.core.SharedJobRecords;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.jobs.JobServiceTests.RecordingIngestor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs shared through {@link SharedJobRecords}, with several {@link JobService}s standing for replicas over one set
 * of records that keeps OpenSearch's compare-and-set semantics (a replace names the version it read and fails if
 * the record changed since). What a dead replica leaves behind is written into the records directly. The real
 * OpenSearch and real processes: {@code SharedJobsIT}.
 */
class SharedJobsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private final List<JobService> started = new ArrayList<>();

	private final MemoryJobRecords records = new MemoryJobRecords();

	@AfterEach
	void stopAll() {
		this.started.forEach(JobService::stop);
	}

	private JobService replica(RecordingIngestor ingestor, boolean start) {
		return replica(ingestor, start, 100);
	}

	private JobService replica(RecordingIngestor ingestor, boolean start, int maxQueued) {
		JobsProperties properties = new JobsProperties(this.dir, maxQueued, DataSize.ofMegabytes(10), 1, 1,
				Duration.ofDays(1), 100, Duration.ofSeconds(1));
		JobService service = new JobService(properties, ingestor, FileItemIngestor.UNSUPPORTED,
				new SimpleMeterRegistry(), Clock.systemUTC(), this.records);
		if (start) {
			service.start();
			this.started.add(service);
		}
		return service;
	}

	private static DocumentInput documents(int count) {
		List<DocumentInput> documents = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			documents.add(new DocumentInput("d-" + i, "content " + i, null, null, null));
		}
		return new DocumentInput(null, null, null, null, documents);
	}

	private static JobView await(JobService replica, String id, java.util.function.Predicate<JobView> condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		JobView view = replica.get("ns", id);
		while (!condition.test(view)) {
			assertThat(System.nanoTime()).as("job still %s", view).isLessThan(deadline);
			Thread.sleep(20);
			view = replica.get("ns", id);
		}
		return view;
	}

	@Test
	void aJobAcceptedByOneReplicaIsSeenAndCancelledByAnotherAndHiddenFromOtherTenants() {
		JobService a = replica(new RecordingIngestor(), false);
		JobService b = replica(new RecordingIngestor(), false);
		JobView accepted = a.submit("ns", documents(3));

		assertThat(b.get("ns", accepted.jobId())).isEqualTo(accepted);
		assertThat(b.list("ns", null, 10)).containsExactly(accepted);
		assertThat(b.list("ns", JobState.QUEUED, 10)).containsExactly(accepted);
		assertThat(b.list("ns", JobState.RUNNING, 10)).isEmpty();
		assertThatThrownBy(() -> b.get("other", accepted.jobId())).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> b.cancel("other", accepted.jobId())).isInstanceOf(NotFoundException.class);
		assertThat(b.list("other", null, 10)).isEmpty();

		// Nobody holds it: the cancel ends it at once, wherever it comes from.
		assertThat(b.cancel("ns", accepted.jobId()).state()).isEqualTo("cancelled");
		assertThat(a.get("ns", accepted.jobId()).state()).isEqualTo("cancelled");
		assertThat(a.list("ns", JobState.CANCELLED, 10)).extracting(JobView::jobId).containsExactly(accepted.jobId());
		assertThat(this.records.inputs).isEmpty();
		assertThatThrownBy(() -> a.cancel("ns", accepted.jobId())).isInstanceOf(JobConflictException.class);
	}

	@Test
	void concurrentSubmissionsToOneReplicaCannotPassMaxQueuedTogether() throws Exception {
		// The count of unfinished jobs was read, then the job written, with nothing between the two: requests that
		// arrived together all read the same count and were all accepted (and each held its files in memory).
		this.records.createPause = 30;
		JobService replica = replica(new RecordingIngestor(), false, 3);
		int requests = 12;
		java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			threads.add(Thread.ofVirtual().start(() -> {
				try {
					go.await();
					replica.submit("ns", documents(1));
					accepted.incrementAndGet();
				}
				catch (JobQueueFullException ex) {
					refused.incrementAndGet();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		go.countDown();
		for (Thread thread : threads) {
			thread.join(Duration.ofSeconds(20));
		}
		assertThat(accepted.get()).isEqualTo(3);
		assertThat(refused.get()).isEqualTo(requests - 3);
		assertThat(this.records.unfinished()).isEqualTo(3);
	}

	@Test
	void localFileCopiesADeadReplicaLeftAreDeletedOnceTheirJobHasEnded() throws Exception {
		// A replica killed while parsing a shared job's file left its local copy (shared-<id>/) for good.
		JobService a = replica(new RecordingIngestor(), false);
		String ended = a.submit("ns", documents(1)).jobId();
		a.cancel("ns", ended);
		String unfinished = a.submit("ns", documents(1)).jobId();
		this.records.overwrite(unfinished, List.of(Job.event(Job.EVENT_STARTED, Instant.now())), "a-host/1/alive",
				System.currentTimeMillis() + 60_000);
		String gone = java.util.UUID.randomUUID().toString();
		for (String id : List.of(ended, unfinished, gone)) {
			java.nio.file.Files.createDirectories(this.dir.resolve("shared-" + id));
			java.nio.file.Files.write(this.dir.resolve("shared-" + id).resolve("1.bin"), new byte[] { 1, 2, 3 });
		}
		java.nio.file.Files.createDirectories(this.dir.resolve("shared-not-a-job"));

		replica(new RecordingIngestor(), true);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while ((java.nio.file.Files.exists(this.dir.resolve("shared-" + ended))
				|| java.nio.file.Files.exists(this.dir.resolve("shared-" + gone))) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.dir.resolve("shared-" + ended)).doesNotExist();
		assertThat(this.dir.resolve("shared-" + gone)).doesNotExist();
		// Another replica on this disk may be parsing it: kept while its job runs. Not ours at all: kept.
		assertThat(this.dir.resolve("shared-" + unfinished).resolve("1.bin")).exists();
		assertThat(this.dir.resolve("shared-not-a-job")).exists();
	}

	@Test
	void aDeadReplicasJobIsTakenOverOnlyOnceItsLeaseExpiresAndItsRecordedDocumentsAreNotRedone() throws Exception {
		JobService a = replica(new RecordingIngestor(), false);
		JobView accepted = a.submit("ns", documents(6));
		String id = accepted.jobId();
		// Replica A took it, recorded d-0 and d-1, and died holding a lease that is still valid.
		List<Map<String, Object>> events = new ArrayList<>();
		events.add(Job.event(Job.EVENT_STARTED, Instant.now()));
		events.add(done(0));
		events.add(done(1));
		this.records.overwrite(id, events, "a-host/1/dead", System.currentTimeMillis() + 1500);

		RecordingIngestor ingestor = new RecordingIngestor();
		JobService b = replica(ingestor, true);
		Thread.sleep(700);
		assertThat(ingestor.ingested).as("a live lease is not taken").isEmpty();

		JobView finished = await(b, id, view -> view.state().equals("succeeded"));
		assertThat(ingestor.ingested).containsExactly("d-2", "d-3", "d-4", "d-5");
		assertThat(finished.documents()).isEqualTo(new JobView.Documents(6, 6, 0));
		assertThat(finished.startedAt()).isNotNull();
		SharedJobRecords.Stored record = this.records.find(id).orElseThrow();
		assertThat(record.finished()).isTrue();
		assertThat(record.leaseOwner()).isNull();
		// The runner deletes the input just after it records the end, which the await above may see first.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!this.records.inputs.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.records.inputs).isEmpty();
	}

	@Test
	void aReplicaThatLostItsLeaseRecordsNothingMoreAndStops() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = documentId -> documentId.equals("d-1");
		JobService b = replica(ingestor, true);
		JobView accepted = b.submit("ns", documents(4));
		String id = accepted.jobId();
		assertThat(ingestor.blocked.await(20, TimeUnit.SECONDS)).isTrue();
		// While B is stuck in d-1 (a long pause), its lease is taken by another replica.
		assertThat(this.records.find(id).orElseThrow().leaseOwner()).contains("/" + ProcessHandle.current().pid() + "/");
		List<Map<String, Object>> events = this.records.events(id);
		this.records.overwrite(id, events, "c-host/3/alive", System.currentTimeMillis() + 60_000);
		ingestor.release.countDown();

		Thread.sleep(1500);
		assertThat(ingestor.ingested).as("B stops after the batch it could not record").containsExactly("d-0", "d-1");
		JobView view = b.get("ns", id);
		assertThat(view.state()).isEqualTo("running");
		assertThat(view.documents().done()).isEqualTo(1);
		assertThat(this.records.find(id).orElseThrow().leaseOwner()).isEqualTo("c-host/3/alive");
	}

	@Test
	void aCancelFromAnotherReplicaStopsTheRunningJobAfterItsBatch() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = documentId -> documentId.equals("d-1");
		JobService b = replica(ingestor, true);
		JobService a = replica(new RecordingIngestor(), false);
		String id = b.submit("ns", documents(4)).jobId();
		assertThat(ingestor.blocked.await(20, TimeUnit.SECONDS)).isTrue();

		JobView cancelling = a.cancel("ns", id);
		assertThat(cancelling.state()).isEqualTo("running");
		assertThat(cancelling.cancelRequested()).isTrue();
		ingestor.release.countDown();

		JobView cancelled = await(a, id, view -> view.state().equals("cancelled"));
		assertThat(cancelled.documents().done()).isEqualTo(2);
		assertThat(ingestor.ingested).containsExactly("d-0", "d-1");
	}

	@Test
	void aLeaseRenewalAfterTheJobEndedDoesNotReopenItsRecord() throws Exception {
		// Lease 1 s: the renewal timer ticks every 333 ms. Deleting the finished job's input takes 800 ms here, so
		// a tick lands while the ended job is still held: it must not write the record back as unfinished.
		this.records.deleteInputsPause = 800;
		JobService b = replica(new RecordingIngestor(), true);
		String id = b.submit("ns", documents(2)).jobId();
		await(b, id, view -> view.state().equals("succeeded"));
		Thread.sleep(1200);

		SharedJobRecords.Stored record = this.records.find(id).orElseThrow();
		assertThat(record.finished()).as("the record of an ended job").isTrue();
		assertThat(record.leaseOwner()).isNull();
		assertThat(this.records.unfinished()).isZero();
	}

	@Test
	void anEndedJobWhoseRecordWasLeftUnfinishedIsMarkedEndedAndDoesNotHoldUpOthers() throws Exception {
		JobService a = replica(new RecordingIngestor(), false);
		List<String> stale = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String id = a.submit("ns", documents(1)).jobId();
			List<Map<String, Object>> events = new ArrayList<>();
			events.add(Job.event(Job.EVENT_STARTED, Instant.now()));
			events.add(done(0));
			Map<String, Object> end = Job.event(Job.EVENT_FINISHED, Instant.now());
			end.put("state", JobState.SUCCEEDED.wire());
			events.add(end);
			this.records.overwrite(id, events, "a-host/1/dead", System.currentTimeMillis() - 1);
			stale.add(id);
		}
		String fresh = a.submit("ns", documents(2)).jobId();

		RecordingIngestor ingestor = new RecordingIngestor();
		JobService b = replica(ingestor, true);
		await(b, fresh, view -> view.state().equals("succeeded"));
		assertThat(ingestor.ingested).containsExactly("d-0", "d-1");
		for (String id : stale) {
			assertThat(this.records.find(id).orElseThrow().finished()).as("record of %s", id).isTrue();
		}
		assertThat(this.records.unfinished()).isZero();
	}

	private static Map<String, Object> done(int index) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event", Job.EVENT_DOCUMENT);
		event.put("index", index);
		event.put("document_id", "d-" + index);
		event.put("status", "created");
		event.put("chunks", 2);
		event.put("embedded", 2);
		return event;
	}

	/** Records in memory with OpenSearch's compare-and-set: every write gets a new version. */
	static final class MemoryJobRecords implements SharedJobRecords {

		final Map<String, Stored> jobs = new ConcurrentHashMap<>();

		final Map<String, byte[]> inputs = new ConcurrentHashMap<>();

		final Map<String, String> statuses = new ConcurrentHashMap<>();

		private final AtomicLong versions = new AtomicLong();

		/** Milliseconds each {@link #create} takes before it writes (a store round trip). */
		volatile long createPause;

		@Override
		public void create(String id, String namespace, Instant createdAt, String status, String state,
				Map<String, byte[]> parts) {
			if (this.createPause > 0) {
				try {
					Thread.sleep(this.createPause);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			write(id, namespace, createdAt, status, state, parts);
		}

		private synchronized void write(String id, String namespace, Instant createdAt, String status, String state,
				Map<String, byte[]> parts) {
			this.statuses.put(id, status);
			parts.forEach((name, bytes) -> this.inputs.put(id + "/" + name, bytes));
			this.jobs.put(id, new Stored(id, namespace, createdAt, state, null, 0, false, next()));
		}

		@Override
		public Optional<Stored> find(String id) {
			return Optional.ofNullable(this.jobs.get(id));
		}

		@Override
		public synchronized Optional<Stored> replace(Stored expected, String status, String state,
				@Nullable String leaseOwner, long leaseUntil, boolean finished) {
			Stored current = this.jobs.get(expected.id());
			if (current == null || !current.version().equals(expected.version())) {
				return Optional.empty();
			}
			Stored next = new Stored(current.id(), current.namespace(), current.createdAt(), state, leaseOwner,
					leaseUntil, finished, next());
			this.jobs.put(next.id(), next);
			this.statuses.put(next.id(), status);
			return Optional.of(next);
		}

		@Override
		public List<Stored> list(String namespace, @Nullable String status, int limit) {
			return this.jobs.values()
				.stream()
				.filter(job -> job.namespace().equals(namespace))
				.filter(job -> status == null || status.equals(this.statuses.get(job.id())))
				.sorted(Comparator.comparing(Stored::createdAt).reversed())
				.limit(limit)
				.toList();
		}

		@Override
		public List<Stored> claimable(long now, int limit) {
			return this.jobs.values()
				.stream()
				.filter(job -> !job.finished() && job.leaseUntil() < now)
				.sorted(Comparator.comparing(Stored::createdAt))
				.limit(limit)
				.toList();
		}

		@Override
		public long unfinished() {
			return this.jobs.values().stream().filter(job -> !job.finished()).count();
		}

		@Override
		public byte[] input(String id, String name) {
			return java.util.Objects.requireNonNull(this.inputs.get(id + "/" + name));
		}

		/** Milliseconds each {@link #deleteInputs} takes (a slow store). */
		volatile long deleteInputsPause;

		@Override
		public void deleteInputs(String id) {
			if (this.deleteInputsPause > 0) {
				try {
					Thread.sleep(this.deleteInputsPause);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.inputs.keySet().removeIf(key -> key.startsWith(id + "/"));
		}

		@Override
		public long deleteFinishedBefore(Instant cutoff) {
			return 0;
		}

		@Override
		public long count(String status) {
			return this.statuses.values().stream().filter(status::equals).count();
		}

		@Override
		public synchronized long deleteFinishedBeyond(int keep) {
			List<String> old = this.jobs.values()
				.stream()
				.filter(Stored::finished)
				.sorted(Comparator.comparing(Stored::createdAt).reversed())
				.skip(keep)
				.map(Stored::id)
				.toList();
			old.forEach(id -> {
				this.jobs.remove(id);
				this.statuses.remove(id);
				deleteInputs(id);
			});
			return old.size();
		}

		@SuppressWarnings("unchecked")
		synchronized List<Map<String, Object>> events(String id) {
			Map<String, Object> state = JSON.readValue(this.jobs.get(id).state(), Map.class);
			return new ArrayList<>((List<Map<String, Object>>) state.get("events"));
		}

		/** Another replica's write: new events and lease, whatever the version. */
		@SuppressWarnings("unchecked")
		synchronized void overwrite(String id, List<Map<String, Object>> events, String owner, long until) {
			Stored current = this.jobs.get(id);
			Map<String, Object> state = JSON.readValue(current.state(), Map.class);
			state.put("events", events);
			this.jobs.put(id, new Stored(id, current.namespace(), current.createdAt(), JSON.writeValueAsString(state),
					owner, until, false, next()));
		}

		private String next() {
			return Long.toString(this.versions.incrementAndGet());
		}

	}

}
