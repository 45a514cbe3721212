/**
 * The embedding port ({@link io.ragwell.core.Embedder}), its settings ({@code ragwell.embedding.*}) and {@code
 * ForwardingEmbedder}, the base of the metered and resilient decorators. It may depend on core only; adapters
 * (onnx, openai), ingest, query, llm, store and system depend on it, never the reverse. The port itself is
 * headed for core.
 */
@NullMarked
package io.ragwell.embed;

import org.jspecify.annotations.NullMarked;
