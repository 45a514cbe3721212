/**
 * The default, in-process embedder: ONNX Runtime plus the model's Hugging Face tokenizer, models shipped on the
 * classpath. {@code BertWordPiece} runs the same WordPiece tokenization in plain Java for the text it is tested
 * to agree on (most English text); the Hugging Face tokenizer handles the rest.
 */
@NullMarked
package io.ragwell.embed.onnx;

import org.jspecify.annotations.NullMarked;
