package io.ragwell.core;

/**
 * Marks an adapter that calls a remote dependency over the network. Such adapters are wrapped in the
 * dependency's Resilience4j instances (retry, circuit breaker, time limiter, bulkhead); in-process ones are
 * not.
 */
public interface Remote {

	/** The resilience instance name: {@code llm}, {@code embedding} or {@code vector-store}. */
	String resilienceInstance();

}
