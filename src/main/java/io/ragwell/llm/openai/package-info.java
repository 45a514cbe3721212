/**
 * Answers from any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp), with error
 * mapping into {@code LlmException}. An adapter: it may depend on core, the llm port and the shared HTTP helpers
 * ({@code remote}); nothing depends on it but configuration. {@code LlmProperties} ({@code ragwell.llm.*}) lives
 * here so the parent package's configuration is the only edge between the two.
 */
@NullMarked
package io.ragwell.llm.openai;

import org.jspecify.annotations.NullMarked;
