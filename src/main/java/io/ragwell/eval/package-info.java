/**
 * Retrieval-quality evaluation: IR metrics, BEIR datasets, the {@code eval} command and {@code POST
 * /evaluations}. It sits above the pipelines: it may depend on core, ingest, query and the ports; nothing but
 * the application entry point depends on it. Today {@code EvalCommand} also imports {@code RagwellApplication},
 * which imports it back (a cycle; docs/ARCHITECTURE.md).
 */
@NullMarked
package io.ragwell.eval;

import org.jspecify.annotations.NullMarked;
