package io.ragwell.ingest.jobs;

import java.util.Map;

import io.ragwell.ingest.DocumentInput;
import org.jspecify.annotations.Nullable;

/** One document of a job: a JSON document as {@code POST /documents} takes it, or a file stored in the spool. */
public sealed interface JobItem {

	/** The id the document was accepted with (assigned at acceptance when the request had none). */
	String documentId();

	/** A JSON document, its id assigned. */
	record Json(DocumentInput document) implements JobItem {

		public Json {
			if (document.id() == null || document.documents() != null) {
				throw new IllegalArgumentException("a job's JSON document needs its id and no nested batch");
			}
		}

		@Override
		public String documentId() {
			return java.util.Objects.requireNonNull(this.document.id());
		}

	}

	/**
	 * A file whose bytes sit in the job's spool directory.
	 * @param id the document id
	 * @param source where the file came from
	 * @param metadata metadata given with the file
	 * @param filename the file's name as uploaded
	 * @param contentType the media type it was uploaded with
	 * @param file its name inside the job's directory ({@code files/<n>})
	 * @param size its length in bytes
	 */
	record File(String id, @Nullable String source, Map<String, Object> metadata, String filename,
			String contentType, String file, long size) implements JobItem {

		public File {
			metadata = Map.copyOf(metadata);
		}

		@Override
		public String documentId() {
			return this.id;
		}

	}

}
