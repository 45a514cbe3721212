/**
 * Second-stage ranking of retrieved candidates: none, maximal marginal relevance, or a cross-encoder service
 * (Hugging Face TEI, Cohere-compatible, Jina).
 */
@NullMarked
package io.ragwell.query.rerank;

import org.jspecify.annotations.NullMarked;
