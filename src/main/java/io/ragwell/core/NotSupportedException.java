package io.ragwell.core;

/** The configured adapter cannot do what was asked (a store that cannot list documents). Rendered as 501. */
public class NotSupportedException extends RuntimeException {

	public NotSupportedException(String message) {
		super(message);
	}

}
