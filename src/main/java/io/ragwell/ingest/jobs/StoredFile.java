package io.ragwell.ingest.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A file item as a {@link FileItemIngestor} sees it: its bytes on the spool's disk, read as often as needed.
 *
 * @param id the document id
 * @param source where the file came from
 * @param metadata metadata given with the file
 * @param filename the file's name as uploaded
 * @param contentType the media type it was uploaded with
 * @param path the bytes
 * @param size their length
 */
public record StoredFile(String id, @Nullable String source, Map<String, Object> metadata, String filename,
		String contentType, Path path, long size) {

	public InputStream open() throws IOException {
		return Files.newInputStream(this.path);
	}

}
