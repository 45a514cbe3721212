/**
 * Image captions from an OpenAI-compatible chat endpoint with image input ({@code ragwell.vision.*}), behind the
 * {@code core.ImageCaptioner} port; none when no endpoint is configured. Adapter layer: core and remote only.
 */
@NullMarked
package io.ragwell.llm.vision;

import org.jspecify.annotations.NullMarked;
