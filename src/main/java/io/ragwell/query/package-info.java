/**
 * The query pipeline and its HTTP endpoints: plan and validate → cache lookup → embed the question → retrieve
 * (expansion, hybrid search, filters, fusion) → optional rerank → context within a token budget → LLM, falling
 * back to the extractive answerer → answer with citations. A pipeline: it may depend on core, the ports and its
 * subpackages; eval depends on it. Today it also imports system (errors, limits, cache, metrics) and stores
 * import {@code QueryProperties} back (cycles; docs/ARCHITECTURE.md).
 */
@NullMarked
package io.ragwell.query;

import org.jspecify.annotations.NullMarked;
