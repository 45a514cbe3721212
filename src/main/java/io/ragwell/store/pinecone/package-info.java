/** Pinecone's data plane over REST: store, filter converter and configuration, on {@code ragwell.store.type=pinecone}. */
@NullMarked
package io.ragwell.store.pinecone;

import org.jspecify.annotations.NullMarked;
