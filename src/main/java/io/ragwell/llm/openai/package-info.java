/**
 * Answers from any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp), with error
 * mapping into {@code LlmException}. An adapter: it may depend on core, the llm port and the shared HTTP helpers
 * ({@code remote}); nothing depends on it but configuration.
 */
@NullMarked
package io.ragwell.llm.openai;

import org.jspecify.annotations.NullMarked;
