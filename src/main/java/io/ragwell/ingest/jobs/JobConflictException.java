package io.ragwell.ingest.jobs;

/** A request the job's state does not allow, such as cancelling a finished job: 409. */
public class JobConflictException extends RuntimeException {

	public JobConflictException(String message) {
		super(message);
	}

}
