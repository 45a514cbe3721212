/**
 * The OpenSearch vector store: one k-NN index (Lucene HNSW, BM25 with the english analyzer) shared by all
 * namespaces, spoken to over its REST API with OkHttp, on {@code ragwell.store.type=opensearch}. An adapter: it
 * may depend on core (the ports), rank (the pure fusion functions) and the shared HTTP helper; nothing depends on
 * it but configuration.
 */
@NullMarked
package io.ragwell.store.opensearch;

import org.jspecify.annotations.NullMarked;
