/**
 * The vector-store adapters, one subpackage each (lucene, opensearch, weaviate, pinecone); the port, {@code
 * core.VectorStore}, is in core, and {@code ragwell.store.*} binds to {@code store.lucene.StoreProperties}, next to
 * the default store that reads it. Adapter layer: it may depend on core, rank (the stores' own fusion) and the
 * remote HTTP helpers, never on a pipeline.
 */
@NullMarked
package io.ragwell.store;

import org.jspecify.annotations.NullMarked;
