/**
 * Apache Tika behind {@code core.DocumentParser}: detection, an allow-list of types, XHTML turned into page-,
 * section- and image-aligned segments, images through Tesseract, every parse bounded (characters written,
 * expansion via {@code SecureContentHandler}, time on a bounded pool, image bytes and pixels). Adapter layer:
 * core only.
 */
@NullMarked
package io.ragwell.parse.tika;

import org.jspecify.annotations.NullMarked;
