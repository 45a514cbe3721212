package io.ragwell.ingest.jobs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.EmbeddingOverloadedException;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.NotFoundException;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.IngestResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job service over a real spool directory, with a recording ingestor in place of the pipeline: admission
 * bounds, per-document failure, retries, cancel, retention, and resuming after a "crash" (a second service
 * started on the directory while the first is stuck mid-job, as after kill -9).
 */
class JobServiceTests {

	@TempDir
	Path dir;

	private final List<JobService> started = new ArrayList<>();

	@AfterEach
	void stopAll() {
		this.started.forEach(JobService::stop);
	}

	/** Records every document it ingests; documents whose content starts with "bad" fail validation. */
	static class RecordingIngestor implements JobService.DocumentIngestor {

		final List<String> ingested = new CopyOnWriteArrayList<>();

		final Map<String, String> store = new ConcurrentHashMap<>();

		volatile Predicate<String> blockOn = id -> false;

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger overloadsLeft = new AtomicInteger();

		@Override
		public void checkFile(String id, Map<String, Object> metadata, @Nullable String source, String filename) {
			if (id.isBlank()) {
				throw new InvalidRequestException("invalid-request", "id", "'id' must not be blank");
			}
		}

		@Override
		public List<DocumentInput> prepare(DocumentInput input) {
			List<DocumentInput> documents = (input.documents() != null) ? input.documents() : List.of(input);
			List<DocumentInput> prepared = new ArrayList<>();
			for (int i = 0; i < documents.size(); i++) {
				DocumentInput doc = documents.get(i);
				if (doc.content() == null) {
					throw new InvalidRequestException("invalid-request", "content", "'content' is required");
				}
				prepared.add(new DocumentInput((doc.id() != null) ? doc.id() : "generated-" + i + "-" + System.nanoTime(),
						doc.content(), doc.metadata(), doc.source(), null));
			}
			return prepared;
		}

		@Override
		public List<IngestResult> ingest(String namespace, List<DocumentInput> documents) {
			for (DocumentInput doc : documents) {
				if (this.blockOn.test(doc.id())) {
					this.blocked.countDown();
					try {
						this.release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
			if (this.overloadsLeft.getAndDecrement() > 0) {
				throw new EmbeddingOverloadedException("busy", Duration.ofMillis(10));
			}
			for (DocumentInput doc : documents) {
				if (doc.content().startsWith("bad")) {
					throw new InvalidRequestException("invalid-document", "content", "document '" + doc.id()
							+ "' has no text to index");
				}
			}
			List<IngestResult> results = new ArrayList<>();
			for (DocumentInput doc : documents) {
				this.ingested.add(doc.id());
				String before = this.store.put(namespace + "/" + doc.id(), doc.content());
				boolean unchanged = doc.content().equals(before);
				results.add(new IngestResult(doc.id(), 2, unchanged ? "unchanged" : "created", unchanged ? 0 : 2));
			}
			return results;
		}

	}

	private JobsProperties properties(int maxQueued, String maxSpool, Duration retention, int maxRetained) {
		return new JobsProperties(this.dir, maxQueued, DataSize.parse(maxSpool), 1, 2, retention, maxRetained, Duration.ofSeconds(30));
	}

	private JobService start(JobsProperties properties, JobService.DocumentIngestor ingestor, FileItemIngestor files) {
		JobService service = new JobService(properties, ingestor, files, new SimpleMeterRegistry());
		service.start();
		this.started.add(service);
		return service;
	}

	private static DocumentInput batch(String... idsAndContents) {
		List<DocumentInput> docs = new ArrayList<>();
		for (int i = 0; i < idsAndContents.length; i += 2) {
			docs.add(new DocumentInput(idsAndContents[i], idsAndContents[i + 1], null, null, null));
		}
		return new DocumentInput(null, null, null, null, docs);
	}

	private static JobView awaitFinished(JobService service, String namespace, String id) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			JobView view = service.get(namespace, id);
			if (JobState.parse(view.state()).finished()) {
				return view;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("job " + id + " did not finish: " + service.get(namespace, id));
	}

	@Test
	void aJobIngestsItsDocumentsAndABadDocumentFailsAloneNotTheJob() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		JobView accepted = service.submit("ns", batch("a", "alpha", "b", "bad one", "c", "gamma"));
		assertThat(accepted.state()).isEqualTo("queued");
		JobView finished = awaitFinished(service, "ns", accepted.jobId());
		assertThat(finished.state()).isEqualTo("succeeded");
		assertThat(finished.documents()).isEqualTo(new JobView.Documents(3, 2, 1));
		assertThat(finished.chunks()).isEqualTo(new JobView.Chunks(4, 4));
		assertThat(finished.errors()).singleElement().satisfies(error -> {
			assertThat(error.documentId()).isEqualTo("b");
			assertThat(error.type()).isEqualTo("invalid-document");
			assertThat(error.status()).isEqualTo(400);
		});
		assertThat(finished.startedAt()).isNotNull();
		assertThat(finished.finishedAt()).isNotNull();
		// The batch of two holding "b" was refused whole, then retried one by one: a and c written once each.
		assertThat(ingestor.store).containsOnlyKeys("ns/a", "ns/c");
		// A finished job's input is gone from the spool; its log stays.
		assertThat(Files.exists(this.dir.resolve(accepted.jobId()).resolve(JobSpool.INPUT))).isFalse();
		assertThat(Files.exists(this.dir.resolve(accepted.jobId()).resolve(JobSpool.EVENTS))).isTrue();
	}

	@Test
	void aJobWhoseEveryDocumentFailsHasFailed() throws Exception {
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), new RecordingIngestor(),
				FileItemIngestor.UNSUPPORTED);
		JobView accepted = service.submit("ns", batch("x", "bad", "y", "bad too"));
		JobView finished = awaitFinished(service, "ns", accepted.jobId());
		assertThat(finished.state()).isEqualTo("failed");
		assertThat(finished.documents()).isEqualTo(new JobView.Documents(2, 0, 2));
	}

	@Test
	void invalidInputIsRefusedAtOnceAndNothingIsSpooled() throws Exception {
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), new RecordingIngestor(),
				FileItemIngestor.UNSUPPORTED);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> service.submit("ns", new DocumentInput("x", null, null, null, null)));
		assertThat(service.list("ns", null, 100)).isEmpty();
		assertThat(Files.exists(this.dir) ? Files.list(this.dir).count() : 0).isZero();
	}

	@Test
	void theQueueBoundRefusesWithRetryAfterAndFreesItsPlaceWhenAJobEnds() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = "first"::equals;
		JobService service = start(properties(2, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		JobView first = service.submit("ns", batch("first", "one"));
		JobView second = service.submit("ns", batch("second", "two"));
		assertThat(ingestor.blocked.await(10, TimeUnit.SECONDS)).isTrue();
		assertThatExceptionOfType(JobQueueFullException.class).isThrownBy(() -> service.submit("ns", batch("third", "3")))
			.satisfies(ex -> {
				assertThat(ex.getMessage()).contains("ragwell.jobs.max-queued");
				assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
			});
		// The refused job left nothing behind.
		try (Stream<Path> jobs = Files.list(this.dir)) {
			assertThat(jobs.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(first.jobId(),
					second.jobId());
		}
		ingestor.release.countDown();
		awaitFinished(service, "ns", second.jobId());
		assertThat(service.submit("ns", batch("third", "3")).state()).isEqualTo("queued");
	}

	@Test
	void theSpoolBoundRefusesWhatWouldNotFitAndRejectsAJobLargerThanTheSpool() {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = id -> true;
		JobService service = start(properties(100, "2KB", Duration.ofDays(1), 100), ingestor,
				FileItemIngestor.UNSUPPORTED);
		service.submit("ns", batch("a", "x".repeat(1200)));
		assertThatExceptionOfType(JobQueueFullException.class)
			.isThrownBy(() -> service.submit("ns", batch("b", "y".repeat(1200))))
			.withMessageContaining("ragwell.jobs.max-spool-bytes");
		assertThatExceptionOfType(JobTooLargeException.class)
			.isThrownBy(() -> service.submit("ns", batch("c", "z".repeat(3000))))
			.withMessageContaining("at most 2048");
		ingestor.release.countDown();
	}

	@Test
	void anOverloadedEmbedderIsRetriedNotCountedAsAFailure() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.overloadsLeft.set(1);
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		JobView finished = awaitFinished(service, "ns", service.submit("ns", batch("a", "alpha")).jobId());
		assertThat(finished.state()).isEqualTo("succeeded");
		assertThat(finished.documents().done()).isEqualTo(1);
	}

	@Test
	void anotherNamespaceCannotSeeListOrCancelAJob() {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = id -> true;
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		String id = service.submit("a", batch("doc", "text")).jobId();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.get("b", id))
			.withMessage("job '" + id + "' does not exist");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.cancel("b", id));
		assertThat(service.list("b", null, 100)).isEmpty();
		assertThat(service.list("a", null, 100)).extracting(JobView::jobId).containsExactly(id);
		ingestor.release.countDown();
	}

	@Test
	void cancellingAQueuedJobEndsItAtOnceARunningOneAfterItsBatchAndAFinishedOneIsAConflict() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = "r1"::equals;
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		String runningId = service.submit("ns", batch("r1", "one", "r2", "two", "r3", "three", "r4", "four")).jobId();
		String queuedId = service.submit("ns", batch("q1", "queued")).jobId();
		assertThat(ingestor.blocked.await(10, TimeUnit.SECONDS)).isTrue();

		JobView queued = service.cancel("ns", queuedId);
		assertThat(queued.state()).isEqualTo("cancelled");
		assertThat(queued.finishedAt()).isNotNull();

		JobView running = service.cancel("ns", runningId);
		assertThat(running.state()).isEqualTo("running");
		assertThat(running.cancelRequested()).isTrue();
		ingestor.release.countDown();
		JobView cancelled = awaitFinished(service, "ns", runningId);
		assertThat(cancelled.state()).isEqualTo("cancelled");
		// The batch in flight (r1, r2) completed; the next batch never started.
		assertThat(cancelled.documents().done()).isEqualTo(2);
		assertThat(ingestor.ingested).containsExactly("r1", "r2");
		assertThatExceptionOfType(JobConflictException.class).isThrownBy(() -> service.cancel("ns", runningId))
			.withMessageContaining("been cancelled");
		assertThat(service.list("ns", JobState.CANCELLED, 100)).hasSize(2);
	}

	@Test
	void aRestartResumesUnfinishedJobsAfterTheirLastLoggedDocumentAndDropsHalfWrittenOnes() throws Exception {
		RecordingIngestor before = new RecordingIngestor();
		before.blockOn = "d3"::equals;
		JobsProperties properties = properties(10, "1MB", Duration.ofDays(1), 100);
		JobService crashed = new JobService(properties, before, FileItemIngestor.UNSUPPORTED, new SimpleMeterRegistry());
		crashed.start();
		String id = crashed.submit("ns", batch("d1", "one", "d2", "two", "d3", "three", "d4", "four", "d5", "five"))
			.jobId();
		String waiting = crashed.submit("ns", batch("w1", "waiting")).jobId();
		assertThat(before.blocked.await(10, TimeUnit.SECONDS)).isTrue();
		// The first process is stuck in its second batch; what a kill -9 would leave besides: a job still being
		// written (never acknowledged) and a torn log line.
		Files.createDirectories(this.dir.resolve(".tmp-" + java.util.UUID.randomUUID()));
		Files.writeString(this.dir.resolve(id).resolve(JobSpool.EVENTS), "{\"event\":\"docu",
				java.nio.file.StandardOpenOption.APPEND);

		RecordingIngestor after = new RecordingIngestor();
		JobService restarted = start(properties, after, FileItemIngestor.UNSUPPORTED);
		JobView resumed = awaitFinished(restarted, "ns", id);
		assertThat(resumed.state()).isEqualTo("succeeded");
		assertThat(resumed.documents()).isEqualTo(new JobView.Documents(5, 5, 0));
		// d1 and d2 were logged before the crash: the new process does not touch them again.
		assertThat(after.ingested).doesNotContain("d1", "d2").contains("d3", "d4", "d5");
		assertThat(awaitFinished(restarted, "ns", waiting).state()).isEqualTo("succeeded");
		try (Stream<Path> left = Files.list(this.dir)) {
			assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(id, waiting);
		}
		assertThat(Files.readString(this.dir.resolve(id).resolve(JobSpool.EVENTS), StandardCharsets.UTF_8))
			.doesNotContain("{\"event\":\"docu{");
		before.release.countDown();
	}

	@Test
	void aShutdownDuringABatchLeavesItsDocumentsForTheNextStartNotFailed() throws Exception {
		// The pipeline fails under the worker as the service stops (the embedder or the store closing): that is
		// the shutdown's doing, not the documents'. They were recorded as failed with a 500, so the job that
		// resumed after the restart ended "failed" with documents that were never ingested.
		RecordingIngestor before = new RecordingIngestor() {

			@Override
			public List<IngestResult> ingest(String namespace, List<DocumentInput> documents) {
				this.blocked.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("the embedder is closed");
			}

		};
		JobsProperties properties = properties(10, "1MB", Duration.ofDays(1), 100);
		JobService stopping = new JobService(properties, before, FileItemIngestor.UNSUPPORTED, new SimpleMeterRegistry());
		stopping.start();
		String id = stopping.submit("ns", batch("a", "alpha", "b", "beta")).jobId();
		assertThat(before.blocked.await(10, TimeUnit.SECONDS)).isTrue();
		Thread stopper = Thread.ofVirtual().start(stopping::stop);
		while (stopping.isRunning()) {
			Thread.sleep(5);
		}
		before.release.countDown();
		stopper.join(Duration.ofSeconds(10));
		assertThat(stopping.get("ns", id).documents().failed()).isZero();

		RecordingIngestor after = new RecordingIngestor();
		JobService restarted = start(properties, after, FileItemIngestor.UNSUPPORTED);
		JobView resumed = awaitFinished(restarted, "ns", id);
		assertThat(resumed.state()).isEqualTo("succeeded");
		assertThat(resumed.documents()).isEqualTo(new JobView.Documents(2, 2, 0));
		assertThat(after.ingested).containsExactly("a", "b");
	}

	@Test
	void anErrorOnOneFileFailsThatFileAloneAndTheWorkerGoesOnToTheNextJob() throws Exception {
		// The parser rethrows an Error from a file (TikaDocumentParser: a stack overflow on a pathologically nested
		// file). It escaped the worker loop and ended the only worker thread: every later job stayed queued, the
		// running one held its place under max-queued for good, and once max-queued was reached every submit was
		// a 429 until a restart.
		FileItemIngestor files = (namespace, file) -> {
			if (file.filename().equals("deep.html")) {
				throw new StackOverflowError();
			}
			return new IngestResult(file.id(), 1, "created", 1);
		};
		JobService service = start(properties(2, "1MB", Duration.ofDays(1), 100), new RecordingIngestor(), files);
		JobView deep = awaitFinished(service, "ns", service.submitFiles("ns", List.of(upload("f1", "deep.html"))).jobId());
		assertThat(deep.state()).isEqualTo("failed");
		assertThat(deep.errors()).singleElement().satisfies(error -> {
			assertThat(error.status()).isEqualTo(500);
			assertThat(error.type()).isEqualTo("internal-error");
		});
		for (int i = 0; i < 3; i++) {
			JobView next = awaitFinished(service, "ns",
					service.submitFiles("ns", List.of(upload("g" + i, "ok.txt"))).jobId());
			assertThat(next.state()).isEqualTo("succeeded");
		}
	}

	@Test
	void aJobWhoseInputCannotBeReadEndsFailedAndFreesItsPlace() throws Exception {
		// Anything but a document's own failure thrown while a job runs (here its input, unreadable) ended the
		// worker thread and left the job "running" for good, counted against max-queued.
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = "first"::equals;
		JobService service = start(properties(2, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		String first = service.submit("ns", batch("first", "one")).jobId();
		assertThat(ingestor.blocked.await(10, TimeUnit.SECONDS)).isTrue();
		String broken = service.submit("ns", batch("x", "ex", "y", "why")).jobId();
		Files.writeString(this.dir.resolve(broken).resolve(JobSpool.INPUT), "[{\"kind\":");
		ingestor.release.countDown();
		assertThat(awaitFinished(service, "ns", first).state()).isEqualTo("succeeded");
		JobView failed = awaitFinished(service, "ns", broken);
		assertThat(failed.state()).isEqualTo("failed");
		assertThat(failed.documents()).isEqualTo(new JobView.Documents(2, 0, 2));
		assertThat(failed.errors()).allSatisfy(error -> assertThat(error.status()).isEqualTo(500));
		// Both places are free again, and the worker still runs.
		String a = service.submit("ns", batch("a", "alpha")).jobId();
		String b = service.submit("ns", batch("b", "beta")).jobId();
		assertThat(awaitFinished(service, "ns", a).state()).isEqualTo("succeeded");
		assertThat(awaitFinished(service, "ns", b).state()).isEqualTo("succeeded");
	}

	@Test
	void aJobWhoseSpoolFailedIsTriedAgainOnceTheSpoolWorksNotLeftRunningUntilARestart() throws Exception {
		// A failed append (a full or failing disk) left the job "running" with no worker on it until the next
		// restart, holding its place under max-queued: as in SharedJobs' renewal race, enough of them and every
		// submit is a 429 though nothing runs.
		RecordingIngestor ingestor = new RecordingIngestor();
		ingestor.blockOn = "a"::equals;
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), ingestor, FileItemIngestor.UNSUPPORTED);
		String id = service.submit("ns", batch("a", "alpha", "b", "beta", "c", "gamma")).jobId();
		assertThat(ingestor.blocked.await(10, TimeUnit.SECONDS)).isTrue();
		Path events = this.dir.resolve(id).resolve(JobSpool.EVENTS);
		byte[] logged = Files.readAllBytes(events);
		Files.delete(events);
		Files.createDirectory(events); // appends to it now fail
		ingestor.release.countDown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (ingestor.ingested.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		Thread.sleep(300);
		assertThat(service.get("ns", id).state()).isEqualTo("running");
		Files.delete(events);
		Files.write(events, logged);
		JobView finished = awaitFinished(service, "ns", id);
		assertThat(finished.state()).isEqualTo("succeeded");
		assertThat(finished.documents()).isEqualTo(new JobView.Documents(3, 3, 0));
	}

	private static JobService.FileUpload upload(String id, String filename) {
		byte[] bytes = "text".getBytes(StandardCharsets.UTF_8);
		return new JobService.FileUpload(id, null, Map.of(), filename, "text/plain", bytes.length,
				() -> new ByteArrayInputStream(bytes));
	}

	@Test
	void retentionForgetsFinishedJobsButNotUnfinishedOnes() throws Exception {
		RecordingIngestor ingestor = new RecordingIngestor();
		JobService service = start(properties(10, "1MB", Duration.ofMillis(300), 100), ingestor,
				FileItemIngestor.UNSUPPORTED);
		String id = service.submit("ns", batch("a", "alpha")).jobId();
		awaitFinished(service, "ns", id);
		Thread.sleep(400);
		service.sweep();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> service.get("ns", id));
		assertThat(Files.exists(this.dir.resolve(id))).isFalse();
	}

	@Test
	void theOldestFinishedJobsGoBeyondMaxRetained() throws Exception {
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 2), new RecordingIngestor(),
				FileItemIngestor.UNSUPPORTED);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = service.submit("ns", batch("d" + i, "text " + i)).jobId();
			awaitFinished(service, "ns", id);
			ids.add(id);
		}
		service.sweep();
		assertThat(service.list("ns", null, 100)).extracting(JobView::jobId)
			.containsExactlyInAnyOrder(ids.get(1), ids.get(2));
	}

	@Test
	void maxRetainedHoldsBetweenSweepsNotOnlyAtThem() throws Exception {
		// max-retained was applied by the periodic sweep alone (every minute with the default retention): a client
		// finishing small jobs in a loop kept as many job directories and records as it could create in a minute.
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 2), new RecordingIngestor(),
				FileItemIngestor.UNSUPPORTED);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String id = service.submit("ns", batch("d" + i, "text " + i)).jobId();
			awaitFinished(service, "ns", id);
			ids.add(id);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (service.list("ns", null, 100).size() > 2 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(service.list("ns", null, 100)).extracting(JobView::jobId)
			.containsExactlyInAnyOrder(ids.get(6), ids.get(7));
		try (Stream<Path> left = Files.list(this.dir)) {
			assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ids.get(6), ids.get(7));
		}
	}

	@Test
	void fileItemsGoToTheFileIngestorWithTheirBytesAndWithoutOneFailWith415() throws Exception {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		FileItemIngestor reading = (namespace, file) -> {
			try {
				seen.add(file.filename() + "=" + new String(file.open().readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			return new IngestResult(file.id(), 1, "created", 1);
		};
		JobService service = start(properties(10, "1MB", Duration.ofDays(1), 100), new RecordingIngestor(), reading);
		byte[] bytes = "hello file".getBytes(StandardCharsets.UTF_8);
		JobView ok = awaitFinished(service, "ns", service.submitFiles("ns", List.of(new JobService.FileUpload("f1", null,
				Map.of("k", "v"), "a.txt", "text/plain", bytes.length, () -> new ByteArrayInputStream(bytes)))).jobId());
		assertThat(ok.state()).isEqualTo("succeeded");
		assertThat(seen).containsExactly("a.txt=hello file");

		service.stop();
		JobService unsupported = start(properties(10, "1MB", Duration.ofDays(1), 100), new RecordingIngestor(),
				FileItemIngestor.UNSUPPORTED);
		JobView refused = awaitFinished(unsupported, "ns",
				unsupported.submitFiles("ns", List.of(new JobService.FileUpload("f2", null, Map.of(), "b.pdf",
						"application/pdf", bytes.length, () -> new ByteArrayInputStream(bytes))))
					.jobId());
		assertThat(refused.state()).isEqualTo("failed");
		assertThat(refused.errors()).singleElement().satisfies(error -> {
			assertThat(error.status()).isEqualTo(415);
			assertThat(error.type()).isEqualTo("unsupported-media-type");
			assertThat(error.detail()).contains("application/pdf");
		});
	}

}
