/**
 * Web plumbing: RFC 9457 problem details for every error, the request-size filter, Tomcat's error valve, the
 * tenant namespace of the current request ({@code Namespaces}), request limits and the domain errors the
 * pipelines throw. The top layer in the target (web): it may depend on everything below. Today core-like types
 * live here (InvalidRequestException, NotFoundException, Text, LimitsProperties), so pipelines and adapters
 * import it, and it imports llm back (cycles; docs/ARCHITECTURE.md).
 */
@NullMarked
package io.ragwell.system;

import org.jspecify.annotations.NullMarked;
