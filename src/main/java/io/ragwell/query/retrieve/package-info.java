/**
 * Turns a query into store searches: dense, BM25, or both fused by reciprocal rank or weighted
 * relative-score fusion, as one store call whose request describes the fusion (the store fuses, or uses its
 * native hybrid search), optionally twice with pseudo-relevance feedback from the first search's top chunks (their
 * stored vectors, their terms). Part of the query pipeline: it may depend on core and rank, where the pure fusion functions live.
 */
@NullMarked
package io.ragwell.query.retrieve;

import org.jspecify.annotations.NullMarked;
