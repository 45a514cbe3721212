/**
 * Token-aware chunking with the embedding model's own tokenizer: paragraph, then sentence, then word boundaries,
 * with overlap, so every chunk fits the model whole. Part of the ingest pipeline: it may depend on core and the
 * Embedder port only.
 */
@NullMarked
package io.ragwell.ingest.chunk;

import org.jspecify.annotations.NullMarked;
