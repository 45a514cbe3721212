/**
 * Pure ranking functions: reciprocal rank fusion, weighted relative-score fusion (with the score normalisations
 * it can use, {@code ScoreNormalization}) and the fused ranking they share. They fuse ids and scores
 * ({@code Scored} in, {@code Fused} out), so a store fuses what its index returns and loads chunks for the fused
 * top K alone; thin adapters do the same over {@code SearchResult} lists
 * for callers that hold whole results. {@code Fusions} applies the fusion a core {@code HybridFusion} describes.
 * Static, deterministic, no state. The layer above core: it may depend on core only; the stores' hybrid search
 * and the query pipeline use it.
 */
@NullMarked
package io.ragwell.rank;

import org.jspecify.annotations.NullMarked;
