package io.ragwell.core;

import java.io.IOException;

/** The request body exceeds {@code ragwell.limits.max-request-size}. Rendered as 413. */
public class PayloadTooLargeException extends IOException {

	public PayloadTooLargeException(long limit) {
		super("the request body is larger than " + limit
				+ " bytes (ragwell.limits.max-request-size; for file uploads max-file-bytes)");
	}

}
