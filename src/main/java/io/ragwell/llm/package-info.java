/**
 * The answer-generation port ({@link io.ragwell.core.LlmClient}) with its request, answer and error types, {@code
 * ForwardingLlmClient} (base of the decorators) and {@code LlmConfiguration}, which picks the adapter from
 * {@code ragwell.llm.provider}. It may depend on core and the Embedder port (the extractive answerer needs it);
 * query and system depend on it. Today the configuration in this package imports both adapter subpackages, which
 * import the port back; the port and its types are headed for core.
 */
@NullMarked
package io.ragwell.llm;

import org.jspecify.annotations.NullMarked;
