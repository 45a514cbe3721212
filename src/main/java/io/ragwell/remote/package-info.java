/**
 * What the HTTP adapters of remote dependencies share: reading a failed response into a {@link
 * io.ragwell.core.RemoteCallException} (retryable or not, the provider's code, its Retry-After), and the
 * models-endpoint health probe. It may depend on core only; the OpenAI-compatible embedder and LLM depend on it.
 * It is headed for the {@code remote} layer, with {@code store.remote} and the rerankers' own Retry-After
 * parsing folded into it.
 */
@NullMarked
package io.ragwell.remote;

import org.jspecify.annotations.NullMarked;
