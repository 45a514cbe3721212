package io.ragwell.core;

/** A file, or the text extracted from it, over a limit. Rendered as 413; the message names the limit. */
public class DocumentTooLargeException extends RuntimeException {

	public DocumentTooLargeException(String message) {
		super(message);
	}

}
