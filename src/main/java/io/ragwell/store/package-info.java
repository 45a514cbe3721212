/**
 * The vector-store port ({@link io.ragwell.core.VectorStore}, with {@code ListFusion} for fused hybrid search),
 * its settings ({@code ragwell.store.*}) and {@code ForwardingVectorStore}, the base of the decorators. It may
 * depend on core only; adapters, pipelines and system depend on it. Today {@code StoreProperties} imports the
 * lucene adapter's {@code VectorEncoding}; the port is headed for core.
 */
@NullMarked
package io.ragwell.store;

import org.jspecify.annotations.NullMarked;
