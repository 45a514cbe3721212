/**
 * The query pipeline: plan and validate → cache lookup → embed the question → retrieve (expansion,
 * hybrid search, filters, fusion) → optional rerank → context within a token budget → LLM, falling back to the
 * extractive answerer → answer with citations. This package holds the orchestrator
 * ({@code RagService}) and its wiring; the stages are subpackages, which never import it back (the request, the
 * settings and the limits are in {@code plan}, the {@code rag.*} metric names in {@code metrics}).
 * Pipeline layer: it may depend on core, rank and the adapters (through the ports; configuration may name an
 * adapter); eval, feedback, web and ops depend on it. Its HTTP endpoints are in web.
 */
@NullMarked
package io.ragwell.query;

import org.jspecify.annotations.NullMarked;
