/**
 * Thumbs up or down on answers, kept durably per namespace in an append-only JSON-lines file and
 * exported for offline evaluation ({@code /feedback} is in web). A layer beside eval, above the pipelines: it may
 * depend on core, the adapters' settings and the pipelines; only web depends on it.
 */
@NullMarked
package io.ragwell.feedback;

import org.jspecify.annotations.NullMarked;
