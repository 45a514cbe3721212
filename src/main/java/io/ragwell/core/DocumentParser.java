package io.ragwell.core;

import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Turns a file (PDF, Office, HTML, mail, an image…) into text segments and the metadata the file declares. The
 * port behind file ingestion; the Tika adapter ({@code io.ragwell.parse.tika}) is the default.
 */
public interface DocumentParser {

	/**
	 * Parses one file, reading {@code content} once; memory and time are bounded by {@code limits}, not by the
	 * file.
	 * @param content the file's bytes (the caller closes it)
	 * @param declaredType the Content-Type the client sent, if any (a hint: the bytes decide)
	 * @param filename the file's name, if known (a hint for detection)
	 * @param limits what one parse may cost
	 * @return the segments in reading order and the detected metadata
	 * @throws UnsupportedDocumentTypeException when the type is not one this parser reads (415)
	 * @throws UnprocessableDocumentException when the file is encrypted, corrupt, holds no text, or needs OCR
	 * that is not available (422)
	 * @throws DocumentTooLargeException when the text or the file's expansion exceeds a limit (413)
	 */
	ParsedDocument parse(InputStream content, @Nullable String declaredType, @Nullable String filename,
			ParseLimits limits);

	/** Whether images can be read (OCR installed and enabled); reported by health as an optional component. */
	Health ocrHealth();

}
