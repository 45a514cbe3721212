/** Weaviate over REST and GraphQL: store, filter converter and configuration, on {@code ragwell.store.type=weaviate}. */
@NullMarked
package io.ragwell.store.weaviate;

import org.jspecify.annotations.NullMarked;
