package io.ragwell.ingest.jobs;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A job as {@code GET /jobs/{id}} shows it.
 *
 * @param jobId the job's id
 * @param state queued, running, succeeded, failed or cancelled
 * @param documents its documents: all, those written (created, updated or unchanged) and those that failed
 * @param chunks chunks the written documents now have, and how many of them needed a model call (chunks whose
 * text was already indexed reuse their vectors, so a resumed job does not count its done documents again)
 * @param errors one entry per failed document (at most {@link Job#MAX_ERRORS})
 * @param createdAt when it was accepted
 * @param startedAt when a worker first took it
 * @param finishedAt when it ended
 * @param cancelRequested true when a cancel is waiting for the running batch to end
 */
public record JobView(String jobId, String state, Documents documents, Chunks chunks, List<JobError> errors,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		@Nullable Boolean cancelRequested) {

	public record Documents(int total, int done, int failed) {
	}

	public record Chunks(long total, long embedded) {
	}

	/**
	 * Why one document failed.
	 * @param documentId the document
	 * @param type the problem type, as in the API's problem details ({@code invalid-document},
	 * {@code unsupported-media-type} …)
	 * @param status the HTTP status the same failure would have had on a synchronous request
	 * @param detail what went wrong, without the document's text
	 */
	public record JobError(String documentId, String type, int status, String detail) {
	}

}
