/**
 * Embeddings from any OpenAI-compatible {@code /embeddings} endpoint: OpenAI, Ollama's {@code /v1}, vLLM.
 */
@NullMarked
package io.ragwell.embed.openai;

import org.jspecify.annotations.NullMarked;
