/**
 * The default, in-process embedder: ONNX Runtime plus the model's Hugging Face tokenizer, models shipped on the
 * classpath, batches run on a bounded pool of model threads. {@code BertWordPiece} runs the same WordPiece
 * tokenization in plain Java for the text it is tested to agree on (most English text); the Hugging Face
 * tokenizer handles the rest. An adapter: it may depend on core and the embed port only, and nothing but
 * configuration selects it ({@code ragwell.embedding.provider=onnx}, the default).
 */
@NullMarked
package io.ragwell.embed.onnx;

import org.jspecify.annotations.NullMarked;
