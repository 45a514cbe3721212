/**
 * The answer-generation adapters' settings ({@code ragwell.llm.*}) and {@code LlmConfiguration}, which
 * picks the adapter from {@code ragwell.llm.provider}; the port, {@code core.LlmClient}, is in core. Adapter
 * layer, with extractive and openai: it may depend on core, rank and the remote HTTP helpers, never on a
 * pipeline. Today the configuration in this package imports both adapter subpackages.
 */
@NullMarked
package io.ragwell.llm;

import org.jspecify.annotations.NullMarked;
