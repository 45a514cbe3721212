/**
 * The response and query-embedding caches (Caffeine), never stale: every key carries its namespace's generation,
 * which ingest and delete bump once their write is visible. Per process. Used by the pipelines, so it is headed
 * for the pipeline layer; it may depend on core only (today also on {@code system.metrics} for a metric name).
 */
@NullMarked
package io.ragwell.query.cache;

import org.jspecify.annotations.NullMarked;
