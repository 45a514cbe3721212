/**
 * Retrieval-quality evaluation: IR metrics, BEIR datasets, the {@code eval} command and
 * {@code POST /evaluations}.
 */
@NullMarked
package io.ragwell.eval;

import org.jspecify.annotations.NullMarked;
