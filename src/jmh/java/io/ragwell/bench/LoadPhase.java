package io.ragwell.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one request function from {@code clients} threads until a deadline or a request budget, whichever
 * comes first: every loop is bounded in time and count, so a stuck server cannot keep the benchmark running.
 */
final class LoadPhase {

	/** One request; {@code sequence} is unique across the phase. Throws or returns false on failure. */
	@FunctionalInterface
	interface Request {

		boolean run(int sequence) throws Exception;

	}

	private LoadPhase() {
	}

	/** CPU time of this JVM (the load generator), all threads. */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static Latencies run(int clients, Duration duration, int maxRequests, Request request) {
		AtomicInteger issued = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		AtomicReference<String> firstError = new AtomicReference<>("");
		long[][] perThread = new long[clients][];
		int[] counts = new int[clients];
		List<Thread> threads = new ArrayList<>(clients);
		long cpuStart = processCpuNanos();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		for (int c = 0; c < clients; c++) {
			int client = c;
			perThread[c] = new long[1024];
			threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
				while (System.nanoTime() < deadline) {
					int sequence = issued.getAndIncrement();
					if (sequence >= maxRequests) {
						break;
					}
					long t0 = System.nanoTime();
					boolean ok;
					try {
						ok = request.run(sequence);
						if (!ok) {
							firstError.compareAndSet("", "request " + sequence + " failed");
						}
					}
					catch (Exception ex) {
						ok = false;
						firstError.compareAndSet("", ex.toString());
					}
					long took = System.nanoTime() - t0;
					if (!ok) {
						errors.incrementAndGet();
						continue;
					}
					if (counts[client] == perThread[client].length) {
						perThread[client] = Arrays.copyOf(perThread[client], counts[client] * 2);
					}
					perThread[client][counts[client]++] = took;
				}
			}));
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
		long wall = System.nanoTime() - start;
		long cpu = processCpuNanos() - cpuStart;
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(perThread[c], 0, all, at, counts[c]);
			at += counts[c];
		}
		return Latencies.of(all, wall, errors.get(), firstError.get(), cpu);
	}

}
