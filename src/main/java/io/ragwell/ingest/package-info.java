/**
 * The ingestion pipeline and its HTTP endpoint: validate → chunk → reuse unchanged vectors → embed the rest (the
 * embedder spreads the batch over its bounded executor) → upsert, with per-document locks and cache
 * invalidation. A pipeline: it may depend on core, the ports (embed, store) and its own chunk subpackage, never
 * on an adapter; eval depends on it. Its controller is headed for the web layer, and its imports of system
 * (errors, limits, cache, metrics) for lower layers.
 */
@NullMarked
package io.ragwell.ingest;

import org.jspecify.annotations.NullMarked;
