package io.ragwell.ingest.jobs;

/** A job whose input alone is larger than the whole spool ({@code ragwell.jobs.max-spool-bytes}): 413. */
public class JobTooLargeException extends RuntimeException {

	public JobTooLargeException(String message) {
		super(message);
	}

}
