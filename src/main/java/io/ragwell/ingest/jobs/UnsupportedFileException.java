package io.ragwell.ingest.jobs;

/** A file whose type the server cannot ingest: a 415 for that document. */
public class UnsupportedFileException extends RuntimeException {

	public UnsupportedFileException(String message) {
		super(message);
	}

}
