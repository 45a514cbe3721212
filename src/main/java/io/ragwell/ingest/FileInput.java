package io.ragwell.ingest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file to ingest as one document ({@link IngestService#ingestFile}). The bytes are on disk: the parse reads them
 * once to hash them and once to parse them, and nothing holds the whole file in memory.
 *
 * @param id document id; generated when absent
 * @param source where the file came from; its {@code filename} when absent
 * @param metadata caller metadata, validated as for JSON documents; it wins over what the file declares
 * @param filename the file's name, if known (a hint for type detection, and the default source)
 * @param contentType the Content-Type the client declared, if any (a hint: the bytes decide)
 * @param path the file; the caller owns it and deletes it afterwards
 */
public record FileInput(@Nullable String id, @Nullable String source, @Nullable Map<String, Object> metadata,
		@Nullable String filename, @Nullable String contentType, Path path) {

	public FileInput {
		Objects.requireNonNull(path, "path");
	}

}
