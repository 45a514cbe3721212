/**
 * Retry, circuit breaker, bulkhead and time limiter around every adapter that calls a remote dependency
 * ({@link io.ragwell.core.Remote}). Instances are configured under {@code resilience4j.*}; which failures are
 * retried or counted against a dependency is decided here.
 */
@NullMarked
package io.ragwell.system.resilience;

import org.jspecify.annotations.NullMarked;
