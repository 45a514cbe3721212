package io.ragwell.core;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The original bytes of the images a document was read from, kept beside the index and served back with the
 * answer that cites them. Assets are numbered from 1 per document and replaced or removed with it.
 */
public interface AssetStore {

	/**
	 * Replaces every asset of the document with {@code images} (none: removes them). Durable on return.
	 * @param namespace tenant partition
	 * @param documentId the document
	 * @param images the images, asset {@code n} being {@code images.get(n - 1)}
	 */
	void replace(String namespace, String documentId, List<ParsedDocument.Image> images);

	/** Asset {@code n} of the document, if the namespace holds it. */
	Optional<Asset> find(String namespace, String documentId, int n);

	/** Removes the document's assets; nothing happens when it has none. */
	void delete(String namespace, String documentId);

	/**
	 * One stored asset.
	 *
	 * @param contentType its media type
	 * @param size its length in bytes
	 * @param content opens its bytes (the caller closes the stream)
	 */
	record Asset(String contentType, long size, Opener content) {
	}

	/** Opens an asset's bytes. */
	@FunctionalInterface
	interface Opener {

		InputStream open() throws java.io.IOException;

	}

}
