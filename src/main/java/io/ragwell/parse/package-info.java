/**
 * File parsing adapters behind the {@code core.DocumentParser} port: {@code tika} (Apache Tika, with Tesseract for
 * images) is the default. Adapter layer, beside embed, store and llm: it may depend on core only, and pipelines
 * reach it through the port.
 */
@NullMarked
package io.ragwell.parse;

import org.jspecify.annotations.NullMarked;
