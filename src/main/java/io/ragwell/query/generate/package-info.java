/**
 * The last stage of the query pipeline: the answer, written by the configured LLM or, when it fails, by the
 * extractive answerer through {@link io.ragwell.llm.FallbackLlmClient}.
 */
@NullMarked
package io.ragwell.query.generate;

import org.jspecify.annotations.NullMarked;
