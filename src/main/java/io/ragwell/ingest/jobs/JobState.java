package io.ragwell.ingest.jobs;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Where a job is: {@code queued → running → succeeded | failed | cancelled}. */
public enum JobState {

	QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean finished() {
		return this == SUCCEEDED || this == FAILED || this == CANCELLED;
	}

	/** The state named {@code value} on the wire, or null for an unknown name. */
	public static @Nullable JobState parse(String value) {
		for (JobState state : values()) {
			if (state.wire().equals(value)) {
				return state;
			}
		}
		return null;
	}

}
