package io.ragwell.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Background jobs kept in the store that several replicas share, so that a job accepted by one replica is seen,
 * cancelled and, when its runner dies, resumed by any other. Each job is a record (its state, owned by the jobs
 * pipeline and opaque here, plus a lease: which replica runs it until when) and the parts of its input. Records
 * change only by compare-and-set against the version read, so two replicas never both take a job or overwrite
 * each other's progress. Absent (no bean) when the store is one process's: jobs then stay in the local spool.
 */
public interface SharedJobRecords {

	/**
	 * A job's record as read.
	 * @param id the job's id
	 * @param namespace the tenant that owns it
	 * @param createdAt when it was accepted
	 * @param state the job's state document (JSON)
	 * @param leaseOwner the replica running it, null when none holds it
	 * @param leaseUntil until when (epoch millis) that lease holds; another replica may take the job after it
	 * @param finished whether the job has ended
	 * @param version the compare-and-set token of this read
	 */
	record Stored(String id, String namespace, Instant createdAt, String state, @Nullable String leaseOwner, long leaseUntil,
			boolean finished, String version) {
	}

	/**
	 * Stores a new job (in {@code status} queued): its input parts first, then its record. Durable and visible to every replica on return;
	 * a failure part way leaves no record, so no job (the parts are deleted by the retention sweep).
	 */
	void create(String id, String namespace, Instant createdAt, String status, String state, Map<String, byte[]> inputs);

	/** The job's record, read in real time (it reflects every acknowledged change). */
	Optional<Stored> find(String id);

	/**
	 * Replaces the record if it is still the one {@code expected} read: compare-and-set.
	 * @param status the job's state in one word ({@code queued}, {@code running} …), indexed for {@link #list}
	 * @return the new record, or empty when another replica changed it first (read it again)
	 */
	Optional<Stored> replace(Stored expected, String status, String state, @Nullable String leaseOwner, long leaseUntil,
			boolean finished);

	/** The namespace's jobs, newest first, at most {@code limit}, only those in {@code status} unless null. */
	List<Stored> list(String namespace, @Nullable String status, int limit);

	/** Unfinished jobs whose lease is free or expired at {@code now} (epoch millis), oldest first. */
	List<Stored> claimable(long now, int limit);

	/** How many jobs are unfinished, all tenants together (the queue bound). */
	long unfinished();

	/** How many jobs are in {@code status}, all tenants together (the {@code rag_jobs} gauge). */
	long count(String status);

	/** One part of a job's input, as given to {@link #create}. */
	byte[] input(String id, String name);

	/** Deletes the job's input (it has ended); its record stays until {@link #deleteFinishedBefore}. */
	void deleteInputs(String id);

	/** Deletes jobs that ended before {@code cutoff}, with their inputs; returns how many. */
	long deleteFinishedBefore(Instant cutoff);

	/**
	 * Deletes the finished jobs beyond the {@code keep} that ended last, with their inputs, at most a bounded
	 * number per call (the next sweep continues); returns how many.
	 */
	long deleteFinishedBeyond(int keep);

}
