package io.ragwell.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What one parse may cost.
 *
 * @param maxChars most characters of extracted text (beyond: {@link DocumentTooLargeException})
 * @param timeout longest a parse may run, OCR included (beyond: {@link UnprocessableDocumentException})
 * @param maxImages most images (the file itself, or those embedded in it) run through OCR and kept
 * @param maxImageBytes largest image, in bytes, that is run through OCR and kept
 * @param maxImagePixels largest image, in pixels, that is run through OCR (a small file can decode to gigabytes)
 * @param maxKeptImageBytes most bytes of images one document keeps as assets; images past it are still read
 */
public record ParseLimits(long maxChars, Duration timeout, int maxImages, long maxImageBytes, long maxImagePixels,
		long maxKeptImageBytes) {

	public ParseLimits {
		if (maxChars < 1) {
			throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
		}
		Objects.requireNonNull(timeout, "timeout");
		if (maxImages < 0 || maxImageBytes < 0 || maxImagePixels < 0 || maxKeptImageBytes < 0) {
			throw new IllegalArgumentException("image limits must be >= 0");
		}
	}

}
