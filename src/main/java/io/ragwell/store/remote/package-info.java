/**
 * HTTP plumbing shared by the remote vector-store adapters: JSON calls and one error mapping into {@code
 * RemoteCallException}. It may depend on core only; the Weaviate and Pinecone adapters depend on it. It is the
 * seed of the target {@code remote} layer, together with {@code system.http}.
 */
@NullMarked
package io.ragwell.store.remote;

import org.jspecify.annotations.NullMarked;
