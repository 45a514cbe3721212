/**
 * The OpenAI-compatible edge: {@code POST /v1/chat/completions} (plain and streamed as
 * {@code chat.completion.chunk} events) and {@code GET /v1/models}, in OpenAI's wire format, errors included
 * ({@code {"error": {"message", "type", "param", "code"}}}), so OpenAI's own SDKs and chat front ends talk to
 * Ragwell unchanged. Authentication, scopes, rate limits and namespaces are the ones every endpoint has (the API
 * key as a Bearer token). Web layer: depends on {@code web} (streaming, problem details) and on the pipelines;
 * nothing but the application depends on it.
 */
@NullMarked
package io.ragwell.web.openai;

import org.jspecify.annotations.NullMarked;
