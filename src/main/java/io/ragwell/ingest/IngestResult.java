package io.ragwell.ingest;

import java.util.Locale;

/**
 * Outcome for one document.
 *
 * @param id the document id (generated ones are returned here)
 * @param chunks chunks the document now has
 * @param status created, updated or unchanged
 * @param embedded chunks that needed a model call (unchanged chunk texts reuse their vectors)
 */
public record IngestResult(String id, int chunks, String status, int embedded) {

	public enum Status {

		CREATED, UPDATED, UNCHANGED;

		public String wire() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
