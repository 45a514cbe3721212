package io.ragwell.web;

import io.ragwell.core.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/** The {@code mode} parameter of {@code POST /documents}: answer when searchable, or when safely queued. */
enum IngestMode {

	SYNC, ASYNC;

	static IngestMode parse(@Nullable String mode) {
		if (mode == null || mode.equals("sync")) {
			return SYNC;
		}
		if (mode.equals("async")) {
			return ASYNC;
		}
		throw new InvalidRequestException("invalid-request", "mode", "'mode' must be sync or async");
	}

}
