/**
 * Ragwell's domain records (Document, Chunk, EmbeddedChunk, SearchRequest, SearchResult, MetadataFilter, Health)
 * and the one remote-failure shape ({@code RemoteCallException}, marker {@link io.ragwell.core.Remote}). The
 * bottom layer: it imports nothing from Spring and no other Ragwell package, and every other package may import
 * it. The target layering moves the three ports (Embedder, VectorStore, LlmClient), the Reranker port and the
 * domain errors (InvalidRequestException, NotFoundException) here; see docs/ARCHITECTURE.md.
 */
@NullMarked
package io.ragwell.core;

import org.jspecify.annotations.NullMarked;
