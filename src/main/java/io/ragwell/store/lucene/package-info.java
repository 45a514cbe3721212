/**
 * The default, embedded vector store: one Lucene index with HNSW vectors (float32 or int8) and BM25, atomic
 * per-document replace, durable commits that record the embedding model, and hybrid search that loads stored
 * fields only for the fused top K. An adapter: it may depend on core, the store and embed ports and the pure
 * fusion functions; nothing depends on it but configuration. Today it also imports {@code query.QueryProperties}
 * and {@code query.retrieve.ReciprocalRankFusion} (a cycle with query).
 */
@NullMarked
package io.ragwell.store.lucene;

import org.jspecify.annotations.NullMarked;
