/**
 * The ingestion pipeline: validate → chunk → reuse unchanged vectors → embed the rest (the embedder
 * spreads the batch over its bounded executor) → upsert, with per-document locks and cache invalidation ({@code
 * /documents} is in web). Files come in through the {@code core.DocumentParser} port (their images go to the
 * {@code core.AssetStore}, their captions come from {@code core.ImageCaptioner}); {@code FileDocuments} turns a
 * parsed file into page- and section-aligned chunks. Pipeline layer: it may depend on core, the ports, its own chunk subpackage and what the
 * pipelines share in query (limits, cache, metric names), never on an adapter; eval and web depend on it.
 */
@NullMarked
package io.ragwell.ingest;

import org.jspecify.annotations.NullMarked;
