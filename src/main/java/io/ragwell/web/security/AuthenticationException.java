package io.ragwell.web.security;

/** No API key, or an unknown one. Rendered as 401 with {@code WWW-Authenticate: Bearer}. */
public class AuthenticationException extends RuntimeException {

	public AuthenticationException(String message) {
		super(message);
	}

}
