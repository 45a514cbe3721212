package io.ragwell.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a namespace's documents, in id order.
 *
 * @param documents the documents of this page, without their text
 * @param next the id to pass as {@code after} for the next page; {@code null} on the last page
 */
public record DocumentPage(List<Summary> documents, @Nullable String next) {

	public DocumentPage {
		documents = List.copyOf(documents);
	}

	/**
	 * @param id document id
	 * @param source where the text came from, if known
	 * @param chunks chunks the document has
	 * @param createdAt first ingestion
	 * @param updatedAt last change
	 */
	public record Summary(String id, @Nullable String source, int chunks, Instant createdAt, Instant updatedAt) {
	}

}
