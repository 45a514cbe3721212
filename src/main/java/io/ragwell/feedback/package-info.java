/** Thumbs up or down on answers, kept durably per namespace and exported for offline evaluation. */
@NullMarked
package io.ragwell.feedback;

import org.jspecify.annotations.NullMarked;
