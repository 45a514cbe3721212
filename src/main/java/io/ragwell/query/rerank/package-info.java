/**
 * Second-stage ranking of retrieved candidates: none, maximal marginal relevance, or a
 * cross-encoder service (Hugging Face TEI, Cohere-compatible, Jina), chosen by {@code ragwell.rerank.type}. The
 * port, {@code core.Reranker}, is in core. MMR, none and the configuration belong to the query pipeline; the HTTP
 * rerankers (the classes here that are {@code core.Remote}) are adapters and may depend on core, rank and the
 * remote HTTP helpers only (ArchitectureTests).
 */
@NullMarked
package io.ragwell.query.rerank;

import org.jspecify.annotations.NullMarked;
