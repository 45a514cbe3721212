package io.ragwell.ingest.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ragwell.ingest.jobs.JobView.JobError;
import org.jspecify.annotations.Nullable;

/**
 * One job in memory: its metadata and the state its event log adds up to. The log is the truth; this is the
 * same state, rebuilt by {@link #apply} at startup and kept current by the runner after each fsynced append.
 * Every method is synchronized: the worker, a cancel and status reads meet here.
 */
final class Job {

	/** Errors a job keeps in full; further failures are counted, not described (a job holds few documents). */
	static final int MAX_ERRORS = 1000;

	static final String EVENT_STARTED = "started";

	static final String EVENT_DOCUMENT = "document";

	static final String EVENT_CANCEL = "cancel_requested";

	static final String EVENT_FINISHED = "finished";

	private final JobSpool.Meta meta;

	private JobState state = JobState.QUEUED;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	private final BitSet processed = new BitSet();

	private int done;

	private int failed;

	private long chunks;

	private long embedded;

	private final List<JobError> errors = new ArrayList<>();

	private boolean cancelRequested;

	/** Times its spool failed under a worker (not logged: it paces the retries of this process only). */
	private int spoolFailures;

	Job(JobSpool.Meta meta) {
		this.meta = meta;
	}

	String id() {
		return this.meta.id();
	}

	String namespace() {
		return this.meta.namespace();
	}

	JobSpool.Meta meta() {
		return this.meta;
	}

	synchronized JobState state() {
		return this.state;
	}

	synchronized @Nullable Instant finishedAt() {
		return this.finishedAt;
	}

	synchronized boolean cancelRequested() {
		return this.cancelRequested;
	}

	synchronized boolean isProcessed(int index) {
		return this.processed.get(index);
	}

	synchronized @Nullable Instant startedAt() {
		return this.startedAt;
	}

	/** Time from acceptance to the end, for the duration timer. */
	synchronized Duration duration() {
		Instant end = (this.finishedAt != null) ? this.finishedAt : this.meta.createdAt();
		return Duration.between(this.meta.createdAt(), end);
	}

	/** Replays or records one event of the log. */
	synchronized void apply(Map<String, Object> event) {
		switch (String.valueOf(event.get("event"))) {
			case EVENT_STARTED -> {
				if (this.startedAt == null) {
					this.startedAt = Instant.parse(String.valueOf(event.get("at")));
				}
				if (!this.state.finished()) {
					this.state = JobState.RUNNING;
				}
			}
			case EVENT_DOCUMENT -> {
				int index = ((Number) java.util.Objects.requireNonNull(event.get("index"))).intValue();
				if (this.processed.get(index)) {
					return;
				}
				this.processed.set(index);
				if ("failed".equals(event.get("status"))) {
					this.failed++;
					if (this.errors.size() < MAX_ERRORS) {
						this.errors.add(new JobError(String.valueOf(event.get("document_id")),
								String.valueOf(event.get("type")), ((Number) java.util.Objects.requireNonNull(
										event.get("http_status"))).intValue(),
								String.valueOf(event.get("detail"))));
					}
				}
				else {
					this.done++;
					this.chunks += number(event.get("chunks"));
					this.embedded += number(event.get("embedded"));
				}
			}
			case EVENT_CANCEL -> this.cancelRequested = true;
			case EVENT_FINISHED -> {
				JobState finalState = JobState.parse(String.valueOf(event.get("state")));
				this.state = (finalState != null) ? finalState : JobState.FAILED;
				this.finishedAt = Instant.parse(String.valueOf(event.get("at")));
			}
			default -> {
				// An event a later version wrote: nothing this version needs from it.
			}
		}
	}

	/** Counts a spool failure under a worker; the count so far. */
	synchronized int spoolFailed() {
		return ++this.spoolFailures;
	}

	/** After a restart a job that was running is waiting for a worker again. */
	synchronized void requeue() {
		if (!this.state.finished()) {
			this.state = JobState.QUEUED;
		}
	}

	/** The state the job ends in when its last document is processed now. */
	synchronized JobState outcome() {
		if (this.cancelRequested) {
			return JobState.CANCELLED;
		}
		return (this.meta.documents() > 0 && this.failed == this.meta.documents()) ? JobState.FAILED
				: JobState.SUCCEEDED;
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	static Map<String, Object> event(String name, Instant at) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event", name);
		event.put("at", at.toString());
		return event;
	}

	synchronized JobView view() {
		return new JobView(this.meta.id(), this.state.wire(),
				new JobView.Documents(this.meta.documents(), this.done, this.failed),
				new JobView.Chunks(this.chunks, this.embedded), List.copyOf(this.errors), this.meta.createdAt(),
				this.startedAt, this.finishedAt, (this.cancelRequested && !this.state.finished()) ? Boolean.TRUE : null);
	}

}
