/**
 * JMH benchmarks of the hot paths: chunking, tokenisation and embedding, Lucene search, fusion, filter
 * conversion, and the int8-quantised HNSW store at scale. Run with {@code bench/run --jmh}.
 */
@NullMarked
package io.ragwell.bench.jmh;

import org.jspecify.annotations.NullMarked;
