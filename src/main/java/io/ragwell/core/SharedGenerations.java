package io.ragwell.core;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * A write counter per namespace that every replica of a deployment sees: a write acknowledged by one replica
 * has advanced it before the acknowledgement, and every replica reads it at most {@link #staleness()} late.
 * The response cache folds it into its keys, so a cached answer computed before another replica's write stops
 * being served within that bound. Only stores shared by several replicas implement it; with the embedded
 * Lucene index (one process) the cache's in-memory generation is exact and none is needed.
 */
public interface SharedGenerations {

	/**
	 * The namespace's generation as this replica last read it, read at most {@link #staleness()} ago; empty
	 * when it cannot be read now (then nothing may be served from, or stored in, the cache).
	 * @param namespace tenant namespace
	 * @return the generation, or empty when unknown
	 */
	OptionalLong current(String namespace);

	/**
	 * Advances the namespace's generation; called after a write to it is visible and before the write is
	 * acknowledged. Also forgets this replica's own copy, so its next read is fresh.
	 * @param namespace tenant namespace
	 * @throws RemoteCallException when the shared counter cannot be advanced
	 */
	void advance(String namespace);

	/** How late a replica may see another replica's {@link #advance}: the cache staleness bound. */
	Duration staleness();

}
