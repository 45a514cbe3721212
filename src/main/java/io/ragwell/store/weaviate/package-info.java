/**
 * Weaviate over REST and GraphQL: store, filter converter and configuration, on {@code
 * ragwell.store.type=weaviate}, with Weaviate's native hybrid search. An adapter: it may depend on core (the
 * ports) and the shared HTTP helper; nothing depends on it but configuration.
 */
@NullMarked
package io.ragwell.store.weaviate;

import org.jspecify.annotations.NullMarked;
