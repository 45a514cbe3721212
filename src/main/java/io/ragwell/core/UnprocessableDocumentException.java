package io.ragwell.core;

/**
 * A file of a supported type that cannot be read: encrypted, corrupt, without text, or an image where OCR is not
 * available. Rendered as 422; the message is the reason, never the file's content.
 */
public class UnprocessableDocumentException extends RuntimeException {

	public UnprocessableDocumentException(String reason) {
		super(reason);
	}

	public UnprocessableDocumentException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
