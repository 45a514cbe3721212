package io.ragwell.tuning;

/** A tuning run (or a revert) is already under way in the namespace: one at a time, so the last word is clear. */
public final class TuningInProgressException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TuningInProgressException() {
		super("a tuning run is already under way in this namespace; try again when it has finished");
	}

}
