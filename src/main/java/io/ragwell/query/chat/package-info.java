/**
 * Conversations over the query pipeline: a chat's last user message is the question; earlier turns rewrite a
 * follow-up into a standalone question ({@link io.ragwell.query.chat.QuestionRewriter}, by the LLM when one is
 * configured) and go to the LLM as history. Pipeline layer: it may depend on core, the adapters' ports and the
 * rest of {@code query}; the OpenAI-compatible endpoint in web depends on it.
 */
@NullMarked
package io.ragwell.query.chat;

import org.jspecify.annotations.NullMarked;
