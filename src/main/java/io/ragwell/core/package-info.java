/**
 * Ragwell's domain records (Document, Chunk with its optional SentenceVectors, EmbeddedChunk, SearchRequest, SearchResult, MetadataFilter, Health),
 * the ports ({@code Embedder}; {@code VectorStore} with {@code Upsert} and the
 * {@code HybridFusion} a hybrid {@code SearchRequest} describes; {@code LlmClient}
 * with {@code LlmRequest} and {@code LlmAnswer}; {@code Reranker} with {@code RerankRequest}), the {@code
 * Forwarding*} bases every port decorator extends, the domain errors (InvalidRequestException,
 * NotFoundException, PayloadTooLargeException, LlmException, EmbeddingOverloadedException) and the one
 * remote-failure shape ({@code RemoteCallException}, marker {@link io.ragwell.core.Remote}). The bottom layer: it
 * imports the JDK and JSpecify only, no Spring and no other Ragwell package (ArchitectureTests), and every other
 * package may import it.
 */
@NullMarked
package io.ragwell.core;

import org.jspecify.annotations.NullMarked;
