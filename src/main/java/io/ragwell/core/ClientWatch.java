package io.ragwell.core;

import java.util.function.BooleanSupplier;

/**
 * Whether the client the current thread works for has hung up, for work that waits long enough to be worth
 * dropping (the embedding queue). The web layer registers a probe for each request thread; a thread without one
 * (the eval command, tests, work handed to other threads) is never told its client has gone.
 *
 * <p>A thread-local rather than a parameter: the probe may only run on the thread that serves the request, and
 * a thread-local cannot reach any other thread.
 */
public final class ClientWatch {

	private static final ThreadLocal<BooleanSupplier> GONE = new ThreadLocal<>();

	private ClientWatch() {
	}

	/**
	 * Registers {@code gone} for the current thread until the returned registration is closed.
	 * @param gone true once the client has hung up; called only on this thread, must not block
	 * @return closes the registration (in a finally block, or a pooled thread keeps it)
	 */
	public static Registration watch(BooleanSupplier gone) {
		GONE.set(gone);
		return GONE::remove;
	}

	/** Whether a probe is registered for the current thread, so that waiting is worth interrupting to ask it. */
	public static boolean watched() {
		return GONE.get() != null;
	}

	/** Whether the current thread's client has hung up; false when nobody watches it. */
	public static boolean gone() {
		BooleanSupplier gone = GONE.get();
		return gone != null && gone.getAsBoolean();
	}

	/** A registered probe; closing it unregisters it. */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
