/**
 * The response and query-embedding caches (Caffeine), never stale: every key carries its
 * namespace's generation, which ingest and delete bump once their write is visible. Per process. Part of the
 * pipeline layer, used by both pipelines: it may depend on core and the metric names ({@code query.metrics}).
 */
@NullMarked
package io.ragwell.query.cache;

import org.jspecify.annotations.NullMarked;
