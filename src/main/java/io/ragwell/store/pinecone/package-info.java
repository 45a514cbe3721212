/**
 * Pinecone's data plane over REST: store, filter converter and configuration, on {@code
 * ragwell.store.type=pinecone}; dense only. An adapter: it may depend on core (the ports) and the
 * shared HTTP helper; nothing depends on it but configuration.
 */
@NullMarked
package io.ragwell.store.pinecone;

import org.jspecify.annotations.NullMarked;
