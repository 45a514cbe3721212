/**
 * The OpenSearch vector store: one k-NN index (Lucene HNSW, BM25 with the english analyzer) shared by all
 * namespaces, spoken to over its REST API with OkHttp, on {@code ragwell.store.type=opensearch}. An adapter: it
 * may depend on core, the store and embed ports, the pure fusion functions and the shared HTTP helper; nothing
 * depends on it but configuration. Today it also imports {@code query} and {@code
 * system.InvalidRequestException} (cycles).
 */
@NullMarked
package io.ragwell.store.opensearch;

import org.jspecify.annotations.NullMarked;
