/**
 * Query expansion: more phrasings of the question (multi-query) or a hypothetical answer to embed (HyDE), both
 * written by the LLM. Part of the query pipeline: it may depend on core and the LlmClient port only.
 */
@NullMarked
package io.ragwell.query.expand;

import org.jspecify.annotations.NullMarked;
