/**
 * The remote layer: what every HTTP adapter of a remote dependency shares, written once. {@link
 * io.ragwell.remote.RemoteHttp} builds requests (base URL, auth headers, JSON bodies), bounds clients, and maps
 * every failure to a {@link io.ragwell.core.RemoteCallException} through its factories, with the one
 * retryable-status rule and the one {@link io.ragwell.remote.RetryAfter} parser; {@link
 * io.ragwell.remote.OpenAiCompatibleErrors} specialises the mapping for OpenAI-compatible endpoints; {@link
 * io.ragwell.remote.ModelsEndpointProbe} is their health check; {@link io.ragwell.remote.ChunkPayload} maps a
 * chunk to a remote store's record properties and back. It may depend on core and libraries only; the
 * vector-store, embedding, LLM and rerank adapters depend on it.
 */
@NullMarked
package io.ragwell.remote;

import org.jspecify.annotations.NullMarked;
