/**
 * The Model Context Protocol server at {@code /mcp}: the official Java SDK's stateless Streamable HTTP transport
 * behind a Spring MVC handler, so the API-key filter, the scope interceptor, the request-size filter and the
 * tenant namespace apply to it as to every other endpoint. Tools {@code search}, {@code ask} and
 * {@code add_document} and the resource template {@code ragwell://documents/{id}} call the same services as the
 * REST controllers, with input schemas generated from the same request records. Part of the web layer: it
 * depends on the pipelines ({@code query}, {@code ingest}), core, and {@code web}/{@code web.security}, never on
 * ops.
 */
@NullMarked
package io.ragwell.web.mcp;

import org.jspecify.annotations.NullMarked;
