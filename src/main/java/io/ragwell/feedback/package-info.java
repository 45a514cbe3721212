/**
 * Thumbs up or down on answers, kept durably per namespace in an append-only JSON-lines file and exported for
 * offline evaluation. A layer beside eval, above the pipelines: it may depend on core and the ports' settings;
 * nothing depends on it. Its controller is headed for the web layer.
 */
@NullMarked
package io.ragwell.feedback;

import org.jspecify.annotations.NullMarked;
