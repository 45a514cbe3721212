package io.ragwell.web.security;

/** A valid key without the scope the endpoint needs. Rendered as 403. */
public class AccessDeniedException extends RuntimeException {

	public AccessDeniedException(String message) {
		super(message);
	}

}
