package io.ragwell.ingest.jobs;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.jobs.*}: background ingestion jobs.
 *
 * @param path the spool directory: one directory per job (its input until it finishes, its log until retention
 * removes it). Local disk: the acceptance promise is an fsync there
 * @param maxQueued most unfinished (queued or running) jobs; one more is refused with 429 and {@code Retry-After}
 * @param maxSpoolBytes most bytes the inputs of unfinished jobs may take on disk; a job that would go past it is
 * refused with 429 (a finished job's input is deleted at once, so this bounds only work not yet done)
 * @param workers jobs run at once. Each runs its documents one batch at a time on the embedder's bulk lane, which
 * queries always overtake; one worker already keeps every model thread busy, more only interleave jobs
 * @param batchDocuments documents a worker hands the ingest pipeline at once: enough texts to keep every model
 * thread busy, few enough that a cancel or a crash loses little work
 * @param retention how long a finished job (its state and errors) stays visible at {@code GET /jobs}
 * @param maxRetained most finished jobs kept, whatever their age: the oldest go first, so a client creating jobs
 * in a loop cannot fill the disk or the heap with job records
 * @param lease with a store several replicas share (OpenSearch), how long a replica's claim on a running job
 * holds without renewal: it renews every third of it, and when it dies another replica resumes the job this long
 * after its last renewal at most
 */
@Validated
@ConfigurationProperties("ragwell.jobs")
public record JobsProperties(@DefaultValue("./data/jobs") Path path, @DefaultValue("100") @Min(1) int maxQueued,
		@DefaultValue("1GB") DataSize maxSpoolBytes, @DefaultValue("1") @Min(1) @Max(64) int workers,
		@DefaultValue("8") @Min(1) @Max(256) int batchDocuments, @DefaultValue("7d") Duration retention,
		@DefaultValue("10000") @Min(1) int maxRetained, @DefaultValue("30s") Duration lease) {

	public JobsProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("ragwell.jobs.retention must be positive, was " + retention);
		}
		if (lease.toMillis() < 300) {
			throw new IllegalArgumentException("ragwell.jobs.lease must be at least 300ms, was " + lease);
		}
		if (maxSpoolBytes.toBytes() < 1) {
			throw new IllegalArgumentException("ragwell.jobs.max-spool-bytes must be positive, was " + maxSpoolBytes);
		}
	}

}
