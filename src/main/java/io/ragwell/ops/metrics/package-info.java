/**
 * Micrometer metrics: the metered decorators around every port bean (applied by a bean post-processor, outside
 * the resilient ones) and {@code RagMetrics}, the metric names and error counter. Ops, in the top layer: it may
 * depend on core and the ports; nothing below should import it. Today ingest, query, feedback and the cache
 * import {@code RagMetrics} (a cycle).
 */
@NullMarked
package io.ragwell.ops.metrics;

import org.jspecify.annotations.NullMarked;
