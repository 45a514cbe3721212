/**
 * Retry, circuit breaker, bulkhead and time limiter around every adapter that calls a remote dependency ({@link
 * io.ragwell.core.Remote}): {@code PortResilience}, applied inside the metered decorator by {@code
 * ops.PortCompositionConfiguration}. Instances are configured under {@code resilience4j.*}; which failures are
 * retried or counted against a dependency is decided here. Ops layer: it may depend on every layer below, not on
 * web; nothing depends on it.
 */
@NullMarked
package io.ragwell.ops.resilience;

import org.jspecify.annotations.NullMarked;
