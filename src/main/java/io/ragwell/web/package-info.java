/**
 * The HTTP edge: thin controllers ({@code /query}, {@code /query/stream}, {@code /search}, {@code /documents},
 * {@code /feedback}, {@code /evaluations}), answers streamed as server-sent events ({@code AnswerStreamer}, also
 * used by {@code openai}), RFC 9457 problem details for every error ({@code ProblemDetailsAdvice}, Tomcat's
 * {@code ProblemErrorReportValve}), the request-size filter; the tenant namespace of the current request is read with {@code
 * security.Namespaces}. It depends on {@code security}, never the other way; {@code openai}, {@code mcp} (its tool errors use {@code Problems}) and {@code playground} sit above it. The top layer beside ops: it may depend on every layer below,
 * not on ops, and nothing but the application depends on it.
 */
@NullMarked
package io.ragwell.web;

import org.jspecify.annotations.NullMarked;
