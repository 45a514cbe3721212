/**
 * The query pipeline and its HTTP endpoints: {@link io.ragwell.query.RagService} orchestrates one stage per
 * subpackage — plan (validate) → cache lookup → embed the question → expand → retrieve (hybrid search, filters,
 * fusion) → rerank → context within a token budget → generate, falling back to the extractive answerer → answer
 * with citations. A pipeline: it may depend on core, the ports and its
 * subpackages; eval depends on it. Today it also imports system (errors, limits, cache, metrics) and stores
 * import {@code QueryProperties} back (cycles; docs/ARCHITECTURE.md).
 */
@NullMarked
package io.ragwell.query;

import org.jspecify.annotations.NullMarked;
