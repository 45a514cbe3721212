package io.ragwell.ingest.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ragwell.ingest.DocumentInput;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs on local disk, one directory per job under the spool root:
 *
 * <pre>
 * &lt;id&gt;/meta.json    id, namespace, creation time, document count, input size   (written once)
 * &lt;id&gt;/input.json   the documents, JSON documents inline, files by name        (deleted when the job ends)
 * &lt;id&gt;/files/&lt;n&gt;     file bytes                                                 (deleted when the job ends)
 * &lt;id&gt;/events.log   one JSON line per state change, appended and fsynced       (until retention)
 * </pre>
 *
 * <b>Acceptance is atomic and durable.</b> A job is written into {@code .tmp-<id>}, every file and directory is
 * fsynced, the directory is renamed to {@code <id>} and the root fsynced; only then does the caller answer 202. A
 * crash before the rename leaves a {@code .tmp-} directory that {@link #load()} deletes (that request was never
 * answered); after it, the whole job is there.
 * <p>
 * <b>The log survives a torn write.</b> An event is one line, written and fsynced before the state it records is
 * shown to anyone. A crash in the middle of a line leaves bytes after the last newline: {@link #load()} cuts them
 * off, so the next append starts a fresh line, and the lost event is redone (a document is ingested again, which
 * the content hash turns into {@code unchanged}).
 */
final class JobSpool {

	private static final Logger log = LoggerFactory.getLogger(JobSpool.class);

	private static final String TMP_PREFIX = ".tmp-";

	static final String META = "meta.json";

	static final String INPUT = "input.json";

	static final String FILES = "files";

	static final String EVENTS = "events.log";

	/** Job ids are UUIDs; anything else in the root is not ours to read or delete. */
	static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path root;

	JobSpool(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	Path root() {
		return this.root;
	}

	/**
	 * What was accepted, written once.
	 * @param id the job id (a UUID)
	 * @param namespace the tenant it belongs to
	 * @param createdAt when it was accepted
	 * @param documents how many documents it holds
	 * @param inputBytes the bytes its input takes in the spool, counted against the spool bound until it ends
	 */
	record Meta(String id, String namespace, Instant createdAt, int documents, long inputBytes) {
	}

	/** A job found on disk: its metadata and its events, in order. */
	record Loaded(Meta meta, List<Map<String, Object>> events, boolean inputPresent) {
	}

	/** Bytes {@code items} take as {@code input.json}; file contents come on top. */
	static byte[] serialise(List<JobItem> items) {
		List<Map<String, Object>> list = new ArrayList<>(items.size());
		for (JobItem item : items) {
			Map<String, Object> entry = new LinkedHashMap<>();
			switch (item) {
				case JobItem.Json json -> {
					DocumentInput doc = json.document();
					entry.put("kind", "json");
					entry.put("id", doc.id());
					entry.put("content", doc.content());
					putIfPresent(entry, "metadata", doc.metadata());
					putIfPresent(entry, "source", doc.source());
				}
				case JobItem.File file -> {
					entry.put("kind", "file");
					entry.put("id", file.id());
					entry.put("filename", file.filename());
					entry.put("content_type", file.contentType());
					entry.put("file", file.file());
					entry.put("size", file.size());
					entry.put("metadata", file.metadata());
					putIfPresent(entry, "source", file.source());
				}
			}
			list.add(entry);
		}
		return JSON.writeValueAsBytes(list);
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	/**
	 * Writes a job durably; returns once it would survive a crash.
	 * @param meta what was accepted
	 * @param input the items, as {@link #serialise} wrote them
	 * @param files the bytes of each file item, by its name inside the job directory
	 */
	void create(Meta meta, byte[] input, Map<String, FileContent> files) throws IOException {
		Files.createDirectories(this.root);
		Path tmp = this.root.resolve(TMP_PREFIX + meta.id());
		Files.createDirectory(tmp);
		boolean moved = false;
		try {
			if (!files.isEmpty()) {
				Path fileDir = Files.createDirectory(tmp.resolve(FILES));
				for (Map.Entry<String, FileContent> file : files.entrySet()) {
					Path target = tmp.resolve(file.getKey()).normalize();
					if (!fileDir.equals(target.getParent())) {
						throw new IllegalArgumentException("file items live in files/, was " + file.getKey());
					}
					try (InputStream in = file.getValue().open();
							FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
									StandardOpenOption.WRITE)) {
						in.transferTo(java.nio.channels.Channels.newOutputStream(out));
						out.force(true);
					}
				}
				fsyncDirectory(fileDir);
			}
			writeDurably(tmp.resolve(INPUT), input);
			writeDurably(tmp.resolve(META), JSON.writeValueAsBytes(metaMap(meta)));
			writeDurably(tmp.resolve(EVENTS), new byte[0]);
			fsyncDirectory(tmp);
			try {
				Files.move(tmp, this.root.resolve(meta.id()), StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new IOException("the job spool " + this.root + " must support atomic renames", ex);
			}
			moved = true;
			fsyncDirectory(this.root);
		}
		finally {
			if (!moved) {
				deleteRecursively(tmp);
			}
		}
	}

	static Map<String, Object> metaMap(Meta meta) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("job_id", meta.id());
		map.put("namespace", meta.namespace());
		map.put("created_at", meta.createdAt().toString());
		map.put("documents", meta.documents());
		map.put("input_bytes", meta.inputBytes());
		return map;
	}

	/** The items of a job whose input is still on disk. */
	List<JobItem> readItems(String id) throws IOException {
		return parseItems(Files.readAllBytes(jobDir(id).resolve(INPUT)));
	}

	/** Items from the bytes {@link #serialise} made. */
	static List<JobItem> parseItems(byte[] input) {
		List<?> list = JSON.readValue(input, List.class);
		List<JobItem> items = new ArrayList<>(list.size());
		for (Object element : list) {
			Map<?, ?> entry = (Map<?, ?>) Objects.requireNonNull(element);
			String itemId = (String) Objects.requireNonNull(entry.get("id"));
			String source = (String) entry.get("source");
			Map<String, Object> metadata = stringKeys(entry.get("metadata"));
			if ("file".equals(entry.get("kind"))) {
				items.add(new JobItem.File(itemId, source, (metadata != null) ? metadata : Map.of(),
						(String) Objects.requireNonNull(entry.get("filename")),
						(String) Objects.requireNonNull(entry.get("content_type")),
						(String) Objects.requireNonNull(entry.get("file")),
						((Number) Objects.requireNonNull(entry.get("size"))).longValue()));
			}
			else {
				items.add(new JobItem.Json(
						new DocumentInput(itemId, (String) entry.get("content"), metadata, source, null)));
			}
		}
		return items;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> stringKeys(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
	}

	/** A file item's bytes. */
	Path file(String id, String name) {
		Path dir = jobDir(id);
		Path path = dir.resolve(name).normalize();
		if (!path.startsWith(dir.resolve(FILES))) {
			throw new IllegalArgumentException("file items live in files/, was " + name);
		}
		return path;
	}

	/** Appends events, one line each, and fsyncs them before returning. */
	void append(String id, List<Map<String, Object>> events) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (Map<String, Object> event : events) {
			lines.append(JSON.writeValueAsString(event)).append('\n');
		}
		try (FileChannel channel = FileChannel.open(jobDir(id).resolve(EVENTS), StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(false);
		}
	}

	/** Deletes a finished job's input: its documents and files are no longer needed, its log stays. */
	void deleteInput(String id) throws IOException {
		Path dir = jobDir(id);
		Files.deleteIfExists(dir.resolve(INPUT));
		deleteRecursively(dir.resolve(FILES));
	}

	/** Deletes a job altogether (retention). */
	void delete(String id) throws IOException {
		Path dir = jobDir(id);
		// Renamed away first, so a crash half-way leaves a .tmp- directory load() removes, not half a job.
		Path doomed = this.root.resolve(TMP_PREFIX + "deleted-" + id);
		if (Files.exists(dir)) {
			Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
			deleteRecursively(doomed);
		}
	}

	/**
	 * Reads every job on disk, oldest first: removes what a crash left half-written ({@code .tmp-} directories,
	 * a torn last log line).
	 */
	List<Loaded> load() throws IOException {
		if (!Files.isDirectory(this.root)) {
			return List.of();
		}
		List<Loaded> jobs = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(this.root)) {
			for (Path dir : dirs) {
				String name = String.valueOf(dir.getFileName());
				if (name.startsWith(TMP_PREFIX)) {
					deleteRecursively(dir);
					continue;
				}
				if (!ID.matcher(name).matches() || !Files.isDirectory(dir)) {
					continue;
				}
				Loaded loaded = read(dir);
				if (loaded != null) {
					jobs.add(loaded);
				}
			}
		}
		jobs.sort(Comparator.comparing((Loaded job) -> job.meta().createdAt()).thenComparing(job -> job.meta().id()));
		return jobs;
	}

	private @Nullable Loaded read(Path dir) throws IOException {
		Meta meta;
		try {
			meta = parseMeta(JSON.readValue(Files.readAllBytes(dir.resolve(META)), Map.class));
		}
		catch (NoSuchFileException | JacksonException | ClassCastException | NullPointerException ex) {
			// Cannot happen through create(), which renames only a complete directory: someone else's files.
			log.warn("job spool: skipping {} (no readable meta.json: {})", dir, ex.getClass().getSimpleName());
			return null;
		}
		return new Loaded(meta, readEvents(dir.resolve(EVENTS)), Files.exists(dir.resolve(INPUT)));
	}

	/** The metadata {@link #metaMap} wrote. */
	static Meta parseMeta(Map<?, ?> map) {
		return new Meta((String) Objects.requireNonNull(map.get("job_id")),
				(String) Objects.requireNonNull(map.get("namespace")),
				Instant.parse((String) Objects.requireNonNull(map.get("created_at"))),
				((Number) Objects.requireNonNull(map.get("documents"))).intValue(),
				((Number) Objects.requireNonNull(map.get("input_bytes"))).longValue());
	}

	private static List<Map<String, Object>> readEvents(Path file) throws IOException {
		if (!Files.exists(file)) {
			return List.of();
		}
		byte[] bytes = Files.readAllBytes(file);
		int end = bytes.length;
		while (end > 0 && bytes[end - 1] != '\n') {
			end--;
		}
		if (end < bytes.length) {
			// A torn last line: the event it was writing was never acknowledged to anyone. Cut it off, so the
			// next append starts on a line of its own.
			log.warn("job spool: cutting a torn last line ({} bytes) off {}", bytes.length - end, file);
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.truncate(end);
				channel.force(false);
			}
		}
		List<Map<String, Object>> events = new ArrayList<>();
		String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
		for (String line : text.split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			try {
				Map<String, Object> event = stringKeys(JSON.readValue(line, Map.class));
				if (event != null) {
					events.add(event);
				}
			}
			catch (JacksonException ex) {
				log.warn("job spool: skipping an unreadable line of {}", file);
			}
		}
		return events;
	}

	private Path jobDir(String id) {
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("not a job id: " + id);
		}
		return this.root.resolve(id);
	}

	private static void writeDurably(Path file, byte[] bytes) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
	}

	/** Makes a directory's entries (created, renamed files) durable: POSIX needs an fsync of the directory. */
	static void fsyncDirectory(Path dir) throws IOException {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
