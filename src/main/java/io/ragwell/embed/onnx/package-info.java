/**
 * The default, in-process embedder: ONNX Runtime plus a Hugging Face tokenizer, models shipped on the
 * classpath.
 */
@NullMarked
package io.ragwell.embed.onnx;

import org.jspecify.annotations.NullMarked;
