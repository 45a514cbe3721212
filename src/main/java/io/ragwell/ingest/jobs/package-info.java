/**
 * Background ingestion jobs ({@code POST /documents?mode=async}, {@code /jobs}): a durable spool on local disk
 * ({@link io.ragwell.ingest.jobs.JobSpool}: a job is accepted only once its input is fsynced, and every state
 * change is an fsynced line in its log), a bounded set of workers that feed the spooled documents through
 * {@link io.ragwell.ingest.IngestService} at the embedder's bulk priority, behind queries, and recovery at startup.
 * Stored files are handed to a {@link io.ragwell.ingest.jobs.FileItemIngestor}. When the store is shared by several
 * replicas ({@link io.ragwell.core.SharedJobRecords}, OpenSearch) the jobs live there instead of the spool, run under
 * a lease any replica can take over ({@link io.ragwell.ingest.jobs.SharedJobs}). Pipeline layer, part of ingest: it
 * may depend on core, ingest and what the pipelines share in query (limits, metric names), never on an adapter,
 * web or ops.
 */
@NullMarked
package io.ragwell.ingest.jobs;

import org.jspecify.annotations.NullMarked;
