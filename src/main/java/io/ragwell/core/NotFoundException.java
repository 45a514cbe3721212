package io.ragwell.core;

/** A named resource does not exist (in the caller's namespace). Rendered as 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
