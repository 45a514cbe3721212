package io.ragwell.core;

import org.jspecify.annotations.Nullable;

/**
 * The request is well-formed JSON but asks for something invalid. Rendered as a 400 problem detail whose
 * {@code detail} is {@link #getMessage()} (written to tell the caller how to fix it) and, when known, an
 * {@code errors} entry naming the offending field.
 */
public class InvalidRequestException extends RuntimeException {

	private final String type;

	private final @Nullable String field;

	public InvalidRequestException(String type, @Nullable String field, String message) {
		super(message);
		this.type = type;
		this.field = field;
	}

	public InvalidRequestException(String message) {
		this("invalid-request", null, message);
	}

	/** Short problem type slug, e.g. {@code invalid-filter}. */
	public String type() {
		return this.type;
	}

	public @Nullable String field() {
		return this.field;
	}

}
