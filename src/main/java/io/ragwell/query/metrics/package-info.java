/**
 * The names of the {@code rag.*} meters and the error counter every stage records the same way. A leaf of the
 * pipelines (Micrometer only): the query stages, ingestion, feedback and the port decorators in {@code ops.metrics}
 * use it, and it uses no Ragwell package.
 */
@NullMarked
package io.ragwell.query.metrics;

import org.jspecify.annotations.NullMarked;
