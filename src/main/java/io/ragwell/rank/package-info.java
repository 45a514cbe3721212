/**
 * Pure ranking functions: reciprocal rank fusion, weighted relative-score fusion and the fused ranking they
 * share. Static, deterministic, no state. The layer above core: it may depend on core only; the stores' own
 * hybrid search and the query pipeline use it.
 */
@NullMarked
package io.ragwell.rank;

import org.jspecify.annotations.NullMarked;
