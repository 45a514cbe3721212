/**
 * Readiness and liveness from each port's own {@code healthCheck}: vector store and embedder required, the LLM
 * reported but not required. Ops layer: it may depend on core and the ports, not on web; nothing depends on it.
 */
@NullMarked
package io.ragwell.ops.health;

import org.jspecify.annotations.NullMarked;
