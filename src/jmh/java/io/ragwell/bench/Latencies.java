package io.ragwell.bench;

import java.util.Arrays;

/**
 * What one load phase measured: per-request latencies, the phase's wall time and its failures.
 *
 * @param nanos latency of every successful request, sorted ascending
 * @param wallNanos wall time of the phase, first request sent to last response read
 * @param errors requests that failed (non-2xx or exception)
 * @param firstError the first failure, for the log
 * @param clientCpuNanos CPU time the load generator's process spent during the phase (it shares the cores with
 *     the service, so it is reported beside every phase), 0 when unknown
 */
record Latencies(long[] nanos, long wallNanos, int errors, String firstError, long clientCpuNanos) {

	static Latencies of(long[] unsorted, long wallNanos, int errors, String firstError) {
		return of(unsorted, wallNanos, errors, firstError, 0);
	}

	static Latencies of(long[] unsorted, long wallNanos, int errors, String firstError, long clientCpuNanos) {
		long[] sorted = unsorted.clone();
		Arrays.sort(sorted);
		return new Latencies(sorted, wallNanos, errors, firstError, clientCpuNanos);
	}

	/** The load generator's CPU as a share of the host's cores over the phase (1.0 = every core busy). */
	double clientCpuShare() {
		return (this.wallNanos == 0) ? 0
				: this.clientCpuNanos / (double) this.wallNanos / Runtime.getRuntime().availableProcessors();
	}

	/** The load generator's CPU per successful request, in milliseconds. */
	double clientCpuMsPerRequest() {
		return (this.nanos.length == 0) ? 0 : this.clientCpuNanos / 1e6 / this.nanos.length;
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
