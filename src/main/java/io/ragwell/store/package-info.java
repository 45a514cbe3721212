/**
 * The vector-store adapters' shared settings ({@code ragwell.store.*}); the port, {@code
 * core.VectorStore}, is in core. Adapter layer, with lucene, opensearch, weaviate and pinecone: it may depend on
 * core, rank (the stores' own fusion) and the remote HTTP helpers, never on a pipeline. Today {@code
 * StoreProperties} imports the lucene adapter's {@code VectorEncoding}.
 */
@NullMarked
package io.ragwell.store;

import org.jspecify.annotations.NullMarked;
