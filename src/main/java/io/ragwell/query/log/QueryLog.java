package io.ragwell.query.log;

/**
 * Where the query path records each answered question, so that feedback on its {@code query_id} can later be
 * turned into relevance judgments (feedback carries the id, not the question). Implementations must be cheap and
 * must not fail the query: a record that cannot be kept is dropped and counted, never thrown.
 */
@FunctionalInterface
public interface QueryLog {

	/** Records nothing. */
	QueryLog NONE = (entry) -> {
	};

	/**
	 * Takes one answered question; returns without waiting for disk.
	 * @param entry what was asked and what came back
	 */
	void record(QueryLogEntry entry);

}
