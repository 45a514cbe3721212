/**
 * The default, embedded vector store: one Lucene index with HNSW vectors (float32 or int8) and BM25, atomic
 * per-document replace, durable commits that record the embedding model, and hybrid search that loads stored
 * fields only for the fused top K. An adapter: it may depend on core (the ports) and rank (the pure
 * fusion functions); nothing depends on it but configuration. Its fusion constant is the query pipeline's
 * {@code ragwell.query.rrf-k}, read by property name.
 */
@NullMarked
package io.ragwell.store.lucene;

import org.jspecify.annotations.NullMarked;
