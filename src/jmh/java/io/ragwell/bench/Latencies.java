package io.ragwell.bench;

import java.util.Arrays;

/**
 * What one load phase measured: per-request latencies, the phase's wall time and its failures.
 *
 * @param nanos latency of every successful request, sorted ascending
 * @param wallNanos wall time of the phase, first request sent to last response read
 * @param errors requests that failed (non-2xx or exception)
 * @param firstError the first failure, for the log
 */
record Latencies(long[] nanos, long wallNanos, int errors, String firstError) {

	static Latencies of(long[] unsorted, long wallNanos, int errors, String firstError) {
		long[] sorted = unsorted.clone();
		Arrays.sort(sorted);
		return new Latencies(sorted, wallNanos, errors, firstError);
	}

	int count() {
		return this.nanos.length;
	}

	/** Successful requests per second of wall time. */
	double throughput() {
		return (this.wallNanos == 0) ? 0 : this.nanos.length / (this.wallNanos / 1e9);
	}

	/** The {@code q}-quantile (nearest rank) in milliseconds, 0 when nothing succeeded. */
	double percentileMs(double q) {
		if (this.nanos.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(q * this.nanos.length) - 1;
		return this.nanos[Math.clamp(rank, 0, this.nanos.length - 1)] / 1e6;
	}

}
