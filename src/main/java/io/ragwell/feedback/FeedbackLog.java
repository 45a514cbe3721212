package io.ragwell.feedback;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An append-only JSON-lines file of {@link Feedback}, one object per line, durable before {@link #append}
 * returns. Plain text on purpose: feedback is written rarely and read in bulk by offline evaluation, which
 * can also read the files directly. Thread-safe.
 *
 * <p><b>Bounded.</b> When the next line would take the file past {@code maxFileBytes} it is rotated:
 * {@code feedback.jsonl} becomes {@code feedback.jsonl.1}, {@code .1} becomes {@code .2} and so on, and the
 * oldest beyond {@code maxFiles} files in all is deleted. The log never holds more than {@code maxFiles}
 * files of at most {@code maxFileBytes} each (a single line larger than the cap gets a file of its own),
 * whatever callers send; the oldest feedback is what goes.
 *
 * <p><b>Group commit.</b> Lines are written under a lock, but the fsync is not: appenders that arrive while
 * one fsync runs are all covered by the next one, so concurrent feedback costs one fsync per batch, not one
 * per request held in a queue.
 *
 * <p><b>Torn lines.</b> A crash mid-write leaves an unterminated last line, possibly cut inside a multi-byte
 * character. Reading takes only newline-terminated lines and decodes each one strictly on its own, so a torn
 * or otherwise undecodable line is skipped whatever its bytes, never failing the export; on open, the next
 * append starts on a fresh line so it is not glued to the fragment.
 */
public final class FeedbackLog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FeedbackLog.class);

	/** Lines longer than this are not feedback this service wrote (records are capped far lower): skipped. */
	private static final int MAX_LINE_BYTES = 1024 * 1024;

	private final Path path;

	private final long maxFileBytes;

	private final int maxFiles;

	private final JsonMapper json = JsonMapper.builder().build();

	/** Guards {@link #channel}, {@link #size}, {@link #written} and rotation. */
	private final ReentrantLock writeLock = new ReentrantLock();

	/** Serialises fsyncs, so one fsync covers every line written before it started. */
	private final ReentrantLock syncLock = new ReentrantLock();

	private FileChannel channel;

	/** Bytes in the current file. */
	private long size;

	/** Bytes ever appended through this instance, across rotations: positions for group commit. */
	private long written;

	/** Every byte up to this count is durable; only ever raised. */
	private final AtomicLong synced = new AtomicLong();

	/**
	 * Opens (or creates, with its parent directories) the file.
	 * @param path the current JSON-lines file; rotated files sit beside it as {@code <name>.1}, {@code .2}...
	 * @param maxFileBytes the size at which the file is rotated, 1 or more
	 * @param maxFiles most files kept, the current one included, 1 or more
	 * @throws UncheckedIOException when it cannot be created or opened for appending
	 */
	public FeedbackLog(Path path, long maxFileBytes, int maxFiles) {
		if (maxFileBytes < 1 || maxFiles < 1) {
			throw new IllegalArgumentException(
					"maxFileBytes and maxFiles must be >= 1, were " + maxFileBytes + " and " + maxFiles);
		}
		this.path = path.toAbsolutePath().normalize();
		this.maxFileBytes = maxFileBytes;
		this.maxFiles = maxFiles;
		try {
			Files.createDirectories(this.path.getParent());
			deleteBeyondMaxFiles();
			this.channel = open();
			terminateFragment();
			this.size = this.channel.size();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the feedback log at " + this.path, ex);
		}
	}

	/** Files a larger {@code maxFiles} left behind: the bound holds from the first start with the new setting. */
	private void deleteBeyondMaxFiles() throws IOException {
		for (int number = this.maxFiles;; number++) {
			if (!Files.deleteIfExists(rotated(number))) {
				return;
			}
			log.info("deleted a feedback file beyond ragwell.feedback.max-files path={}", rotated(number));
		}
	}

	private FileChannel open() throws IOException {
		return FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
	}

	/** A crash between write and newline leaves an unterminated line; end it so it stays one bad line. */
	private void terminateFragment() throws IOException {
		long length = this.channel.size();
		if (length == 0) {
			return;
		}
		try (FileChannel reader = FileChannel.open(this.path, StandardOpenOption.READ)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			reader.read(last, length - 1);
			if (last.get(0) != '\n') {
				this.channel.write(ByteBuffer.wrap(new byte[] { '\n' }));
				this.channel.force(false);
			}
		}
	}

	/** Appends {@code feedback}; durable on return. */
	public void append(Feedback feedback) {
		append(line(feedback));
	}

	/** The bytes {@link #append} writes for {@code feedback}, newline included. */
	byte[] line(Feedback feedback) {
		return (this.json.writeValueAsString(toJson(feedback)) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private void append(byte[] line) {
		long end;
		this.writeLock.lock();
		try {
			if (this.size > 0 && this.size + line.length > this.maxFileBytes) {
				rotate();
			}
			ByteBuffer buffer = ByteBuffer.wrap(line);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
			this.size += line.length;
			this.written += line.length;
			end = this.written;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot append to the feedback log at " + this.path, ex);
		}
		finally {
			this.writeLock.unlock();
		}
		sync(end);
	}

	/** Makes every byte up to {@code end} durable, with one fsync for all appenders waiting meanwhile. */
	private void sync(long end) {
		if (this.synced.get() >= end) {
			return;
		}
		this.syncLock.lock();
		try {
			if (this.synced.get() >= end) {
				// Another appender's fsync covered this line while we waited.
				return;
			}
			FileChannel current;
			long target;
			this.writeLock.lock();
			try {
				current = this.channel;
				target = this.written;
			}
			finally {
				this.writeLock.unlock();
			}
			try {
				// Data only: the file's length is metadata the data sync covers for appends on Linux file systems.
				current.force(false);
			}
			catch (ClosedChannelException ex) {
				// Rotated meanwhile: rotation forced the old file before closing it, and set synced.
				if (this.synced.get() >= end) {
					return;
				}
				throw new UncheckedIOException("cannot sync the feedback log at " + this.path, ex);
			}
			this.synced.accumulateAndGet(target, Math::max);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot sync the feedback log at " + this.path, ex);
		}
		finally {
			this.syncLock.unlock();
		}
	}

	/** Under the write lock: closes the full file durably and shifts every file one number up. */
	private void rotate() throws IOException {
		this.channel.force(false);
		this.channel.close();
		this.synced.accumulateAndGet(this.written, Math::max);
		// The oldest goes (with maxFiles 1 that is the full current file itself).
		Files.deleteIfExists(rotated(this.maxFiles - 1));
		for (int number = this.maxFiles - 2; number >= 0; number--) {
			Path from = (number == 0) ? this.path : rotated(number);
			if (Files.exists(from)) {
				Files.move(from, rotated(number + 1), StandardCopyOption.ATOMIC_MOVE);
			}
		}
		this.channel = open();
		this.size = 0;
		log.info("rotated the feedback log path={} keep={}", this.path, this.maxFiles);
	}

	/** {@code feedback.jsonl.<number>}; number 0 is the current file. */
	private Path rotated(int number) {
		return (number == 0) ? this.path : this.path.resolveSibling(this.path.getFileName() + "." + number);
	}

	/**
	 * @param namespace the namespace whose feedback is wanted
	 * @param since earliest {@code createdAt} wanted (inclusive), or null for all
	 * @param limit most records returned
	 * @return the namespace's feedback in the order it was received, oldest first
	 */
	public List<Feedback> read(String namespace, @Nullable Instant since, int limit) {
		return read(namespace, since, limit, false);
	}

	/**
	 * @param namespace the namespace whose feedback is wanted
	 * @param limit most records returned
	 * @return the namespace's latest {@code limit} records, oldest first (the whole log is read, {@code limit}
	 * records held at a time)
	 */
	public List<Feedback> readLatest(String namespace, int limit) {
		return read(namespace, null, limit, true);
	}

	private List<Feedback> read(String namespace, @Nullable Instant since, int limit, boolean latest) {
		// Open every file and note the current file's length under the lock, then read without it: open files
		// survive a rotation's renames, and the length keeps out a line a concurrent append is writing.
		List<InputStream> files = new ArrayList<>();
		this.writeLock.lock();
		try {
			for (int number = this.maxFiles - 1; number >= 0; number--) {
				try {
					FileChannel file = FileChannel.open(rotated(number), StandardOpenOption.READ);
					long length = (number == 0) ? this.size : Long.MAX_VALUE;
					files.add(new BufferedInputStream(bounded(Channels.newInputStream(file), length), 64 * 1024));
				}
				catch (NoSuchFileException ex) {
					// Fewer files than the maximum so far.
				}
			}
		}
		catch (IOException ex) {
			closeAll(files);
			throw new UncheckedIOException("cannot read the feedback log at " + this.path, ex);
		}
		finally {
			this.writeLock.unlock();
		}
		java.util.ArrayDeque<Feedback> found = new java.util.ArrayDeque<>();
		try {
			for (InputStream file : files) {
				readLines(file, namespace, since, limit, latest, found);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the feedback log at " + this.path, ex);
		}
		finally {
			closeAll(files);
		}
		return List.copyOf(found);
	}

	private void readLines(InputStream in, String namespace, @Nullable Instant since, int limit, boolean latest,
			java.util.Deque<Feedback> found) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(512);
		boolean tooLong = false;
		int b;
		while ((latest || found.size() < limit) && (b = in.read()) != -1) {
			if (b != '\n') {
				if (line.size() < MAX_LINE_BYTES) {
					line.write(b);
				}
				else {
					tooLong = true;
				}
				continue;
			}
			if (!tooLong && line.size() > 0) {
				Feedback feedback = parse(line.toByteArray());
				if (feedback != null && feedback.namespace().equals(namespace)
						&& (since == null || !feedback.createdAt().isBefore(since))) {
					found.addLast(feedback);
					if (found.size() > limit) {
						found.removeFirst();
					}
				}
			}
			line.reset();
			tooLong = false;
		}
		// Whatever is left had no newline: a line torn by a crash. Skipped whatever its bytes.
	}

	private static InputStream bounded(InputStream in, long length) {
		return (length == Long.MAX_VALUE) ? in : new InputStream() {

			private long remaining = length;

			@Override
			public int read() throws IOException {
				if (this.remaining <= 0) {
					return -1;
				}
				int b = in.read();
				if (b != -1) {
					this.remaining--;
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int count) throws IOException {
				if (this.remaining <= 0) {
					return -1;
				}
				int read = in.read(buffer, offset, (int) Math.min(count, this.remaining));
				if (read > 0) {
					this.remaining -= read;
				}
				return read;
			}

			@Override
			public void close() throws IOException {
				in.close();
			}

		};
	}

	private static void closeAll(List<InputStream> files) {
		for (InputStream file : files) {
			try {
				file.close();
			}
			catch (IOException ex) {
				// Read-only handles: nothing to lose.
			}
		}
	}

	private ObjectNode toJson(Feedback feedback) {
		ObjectNode node = this.json.createObjectNode();
		node.put("id", feedback.id());
		node.put("query_id", feedback.queryId());
		node.put("namespace", feedback.namespace());
		node.put("rating", feedback.rating());
		var ids = node.putArray("source_ids");
		feedback.sourceIds().forEach(ids::add);
		if (feedback.comment() != null) {
			node.put("comment", feedback.comment());
		}
		node.put("created_at", feedback.createdAt().toString());
		return node;
	}

	private @Nullable Feedback parse(byte[] bytes) {
		try {
			// Strict: Jackson and String would substitute U+FFFD for a cut character and might accept the line.
			CharBuffer text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			JsonNode node = this.json.readTree(text.toString());
			List<String> sourceIds = new ArrayList<>();
			node.path("source_ids").forEach(id -> sourceIds.add(id.asString()));
			JsonNode comment = node.get("comment");
			return new Feedback(node.get("id").asString(), node.get("query_id").asString(),
					node.get("namespace").asString(), node.get("rating").asString(), sourceIds,
					(comment == null || comment.isNull()) ? null : comment.asString(),
					Instant.parse(node.get("created_at").asString()));
		}
		catch (CharacterCodingException | RuntimeException ex) {
			// Bad UTF-8, JacksonException for a cut-short line, NullPointerException or DateTimeParseException
			// for a mangled one.
			log.warn("skipping unreadable feedback line path={} bytes={} cause={}", this.path, bytes.length,
					ex.getClass().getSimpleName());
			return null;
		}
	}

	public Path path() {
		return this.path;
	}

	@Override
	public void close() {
		this.writeLock.lock();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot close the feedback log at " + this.path, ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

}
