/**
 * Benchmarks: JMH benchmarks of the hot paths and the service load generator with its two baselines (raw ONNX
 * Runtime on the same model, and LangChain4j's in-process pipeline). Compiled with the tests, run by
 * {@code bench/run}; they print numbers and never assert timings.
 */
@NullMarked
package io.ragwell.bench;

import org.jspecify.annotations.NullMarked;
