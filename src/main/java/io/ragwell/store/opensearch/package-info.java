/**
 * The OpenSearch vector store: one k-NN index (Lucene HNSW, BM25 with the english analyzer) shared by all
 * namespaces, spoken to over its REST API with OkHttp.
 */
@NullMarked
package io.ragwell.store.opensearch;

import org.jspecify.annotations.NullMarked;
