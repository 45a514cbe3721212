/**
 * The embedding adapters' shared settings ({@code ragwell.embedding.*}); the port itself,
 * {@code core.Embedder}, is in core. Adapter layer, with its subpackages onnx and openai: it may depend on core,
 * rank and the remote HTTP helpers, never on a pipeline.
 */
@NullMarked
package io.ragwell.embed;

import org.jspecify.annotations.NullMarked;
