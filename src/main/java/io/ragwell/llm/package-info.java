/**
 * {@code LlmConfiguration}, which picks the answer-generation adapter from {@code ragwell.llm.provider} (the
 * settings, {@code ragwell.llm.*}, bind to {@code openai.LlmProperties}, so the subpackage needs nothing from here),
 * and the fallback decorator; the port, {@code core.LlmClient}, is in core. Adapter
 * layer, with extractive and openai: it may depend on core, rank and the remote HTTP helpers, never on a
 * pipeline.
 */
@NullMarked
package io.ragwell.llm;

import org.jspecify.annotations.NullMarked;
