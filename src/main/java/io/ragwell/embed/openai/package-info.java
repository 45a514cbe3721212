/**
 * Embeddings from any OpenAI-compatible {@code /embeddings} endpoint: OpenAI, Ollama's {@code /v1}, vLLM ({@code
 * ragwell.embedding.provider=openai}). An adapter: it may depend on core, the embed port and the shared HTTP
 * helpers ({@code remote}); nothing depends on it but Spring
 * configuration.
 */
@NullMarked
package io.ragwell.embed.openai;

import org.jspecify.annotations.NullMarked;
