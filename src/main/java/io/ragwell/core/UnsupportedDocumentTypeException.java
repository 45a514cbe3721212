package io.ragwell.core;

/** A file of a type Ragwell does not read. Rendered as 415 naming the type. */
public class UnsupportedDocumentTypeException extends RuntimeException {

	private final String mediaType;

	public UnsupportedDocumentTypeException(String mediaType) {
		super("files of type " + mediaType + " cannot be ingested; supported: PDF, DOCX, PPTX, XLSX, ODF, HTML,"
				+ " Markdown, plain text, RTF, EML and PNG/JPEG/TIFF/WebP images");
		this.mediaType = mediaType;
	}

	public String mediaType() {
		return this.mediaType;
	}

}
