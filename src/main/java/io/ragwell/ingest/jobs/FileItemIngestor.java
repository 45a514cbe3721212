package io.ragwell.ingest.jobs;

import io.ragwell.ingest.IngestResult;

/**
 * Ingests one stored file of a job: parse it into text and hand it to the ingest pipeline. The job runner calls it
 * on a worker thread, one file at a time; an exception fails that document only ({@link JobFailures} turns it
 * into the job's error entry). The application's is {@code IngestService#ingestFile} (JobsConfiguration);
 * {@link #UNSUPPORTED}, which refuses every file with a 415, is for a server built without a file parser.
 */
@FunctionalInterface
public interface FileItemIngestor {

	/** Refuses every file: this server has no file parser. */
	FileItemIngestor UNSUPPORTED = (namespace, file) -> {
		throw new UnsupportedFileException("file ingestion is not available on this server (no parser for '"
				+ file.contentType() + "'); send the text as a JSON document");
	};

	IngestResult ingest(String namespace, StoredFile file);

}
