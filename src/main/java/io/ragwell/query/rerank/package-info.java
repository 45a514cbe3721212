/**
 * Second-stage ranking of retrieved candidates: none, maximal marginal relevance, or a cross-encoder service
 * (Hugging Face TEI, Cohere-compatible, Jina), chosen by {@code ragwell.rerank.type}. The Reranker port and MMR
 * belong to the query pipeline (core, Embedder and VectorStore ports only); the HTTP rerankers are adapters
 * headed for the adapter layer on the shared HTTP helper. Today {@code system.resilience} imports the port to
 * wrap remote rerankers.
 */
@NullMarked
package io.ragwell.query.rerank;

import org.jspecify.annotations.NullMarked;
