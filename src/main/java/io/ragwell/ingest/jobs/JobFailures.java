package io.ragwell.ingest.jobs;

import java.util.UUID;

import io.ragwell.core.ClientGoneException;
import io.ragwell.core.DocumentTooLargeException;
import io.ragwell.core.EmbeddingOverloadedException;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.UnprocessableDocumentException;
import io.ragwell.core.UnsupportedDocumentTypeException;
import io.ragwell.ingest.jobs.JobView.JobError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed document becomes in its job: the problem type and status a synchronous request would have got,
 * and whether trying again later can help.
 */
final class JobFailures {

	private static final Logger log = LoggerFactory.getLogger(JobFailures.class);

	private JobFailures() {
	}

	/**
	 * Whether the failure is the input's own (trying again gives the same answer) rather than the server's at the
	 * moment (an overloaded embedder, an unreachable store).
	 */
	static boolean permanent(Throwable ex) {
		// An Error (a stack overflow on a pathologically nested file: the parser rethrows it) is the document's
		// own; its batch is split so the others are not failed with it.
		return ex instanceof Error || ex instanceof InvalidRequestException || ex instanceof UnsupportedFileException
				|| ex instanceof UnsupportedDocumentTypeException || ex instanceof UnprocessableDocumentException
				|| ex instanceof DocumentTooLargeException;
	}

	static JobError error(String documentId, Throwable ex) {
		if (ex instanceof InvalidRequestException invalid) {
			return new JobError(documentId, invalid.type(), 400, String.valueOf(invalid.getMessage()));
		}
		if (ex instanceof UnsupportedDocumentTypeException) {
			return new JobError(documentId, "unsupported-media-type", 415, String.valueOf(ex.getMessage()));
		}
		if (ex instanceof UnprocessableDocumentException) {
			return new JobError(documentId, "unprocessable-document", 422, String.valueOf(ex.getMessage()));
		}
		if (ex instanceof DocumentTooLargeException) {
			return new JobError(documentId, "payload-too-large", 413, String.valueOf(ex.getMessage()));
		}
		if (ex instanceof UnsupportedFileException) {
			return new JobError(documentId, "unsupported-media-type", 415, String.valueOf(ex.getMessage()));
		}
		if (ex instanceof EmbeddingOverloadedException) {
			return new JobError(documentId, "embedding-overloaded", 503,
					"the embedder stayed overloaded through every retry");
		}
		if (ex instanceof RemoteCallException remote) {
			return new JobError(documentId, "dependency-unavailable", 503,
					"a dependency (" + remote.service() + ") stayed unavailable through every retry");
		}
		if (ex instanceof ClientGoneException) {
			return new JobError(documentId, "internal-error", 500, "the ingestion was abandoned");
		}
		// A bug: as for a 500 answer, the detail carries an id to find the logged error, never its message, which
		// may quote the document.
		String id = UUID.randomUUID().toString();
		log.error("job document failed document_id={} error_id={}", documentId, id, ex);
		return new JobError(documentId, "internal-error", 500,
				"the document failed on the server; the error was logged with id " + id);
	}

}
