/**
 * Turns a query into store searches: dense, BM25, or both fused by reciprocal rank or weighted relative-score
 * fusion, letting the store fuse in one call ({@code searchFused}) or use its native hybrid search. Part of the
 * query pipeline: it may depend on core and the VectorStore port. The fusion functions (ReciprocalRankFusion,
 * RelativeScoreFusion, FusedRanking) are pure and headed for the {@code rank} layer; today the Lucene and
 * OpenSearch stores import ReciprocalRankFusion from here (a cycle).
 */
@NullMarked
package io.ragwell.query.retrieve;

import org.jspecify.annotations.NullMarked;
