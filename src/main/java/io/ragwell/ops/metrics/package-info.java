/**
 * Micrometer metrics: the metered decorators of the four ports ({@code rag.embedding}, {@code rag.search},
 * {@code rag.llm} with {@code rag.tokens}, {@code rag.rerank}), applied outside the resilient ones by {@code
 * ops.PortCompositionConfiguration}. The metric names themselves are {@code query.metrics.RagMetrics}, shared with the
 * pipelines. Ops layer: it may depend on every layer below, not on web; nothing depends on it.
 */
@NullMarked
package io.ragwell.ops.metrics;

import org.jspecify.annotations.NullMarked;
