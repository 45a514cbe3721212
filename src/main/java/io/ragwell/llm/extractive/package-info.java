/**
 * The offline answerer: quotes the source sentences closest to the question, with citations, using only the
 * embedder; the default and the fallback when a generative LLM fails. An adapter: it may depend on core and the
 * ports (LlmClient, Embedder) only.
 */
@NullMarked
package io.ragwell.llm.extractive;

import org.jspecify.annotations.NullMarked;
