/**
 * Retry, circuit breaker, bulkhead and time limiter around every adapter that calls a remote dependency ({@link
 * io.ragwell.core.Remote}), applied by a bean post-processor before the metrics one. Instances are configured
 * under {@code resilience4j.*}; which failures are retried or counted against a dependency is decided here. Ops,
 * in the top layer: it may depend on core and the ports (including the Reranker port); nothing depends on it.
 */
@NullMarked
package io.ragwell.ops.resilience;

import org.jspecify.annotations.NullMarked;
