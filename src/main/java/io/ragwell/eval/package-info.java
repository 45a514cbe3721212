/**
 * Retrieval-quality evaluation: IR metrics, BEIR datasets and the {@code eval} command ({@code POST
 * /evaluations} is in web). It sits above the pipelines: it may depend on core, rank, the adapters' settings and
 * the pipelines; only web and the application entry point depend on it. The entry point passes in the
 * application class, so nothing here imports the root package.
 */
@NullMarked
package io.ragwell.eval;

import org.jspecify.annotations.NullMarked;
