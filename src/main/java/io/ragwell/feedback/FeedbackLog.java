package io.ragwell.feedback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An append-only JSON-lines file of {@link Feedback}, one object per line, fsync'd before {@link #append}
 * returns. Plain text on purpose: feedback is written rarely and read in bulk by offline evaluation, which
 * can also read the file directly. A line cut short by a crash mid-write is skipped on reading, and the next
 * append starts on a fresh line so it is not glued to the fragment. Thread-safe.
 */
public final class FeedbackLog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FeedbackLog.class);

	private final Path path;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ReentrantLock lock = new ReentrantLock();

	private final FileChannel channel;

	/**
	 * Opens (or creates, with its parent directories) the file.
	 * @param path the JSON-lines file
	 * @throws UncheckedIOException when it cannot be created or opened for appending
	 */
	public FeedbackLog(Path path) {
		this.path = path.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.path.getParent());
			this.channel = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND);
			terminateFragment();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the feedback log at " + this.path, ex);
		}
	}

	/** A crash between write and newline leaves an unterminated line; end it so it stays one bad line. */
	private void terminateFragment() throws IOException {
		long size = this.channel.size();
		if (size == 0) {
			return;
		}
		try (FileChannel reader = FileChannel.open(this.path, StandardOpenOption.READ)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			reader.read(last, size - 1);
			if (last.get(0) != '\n') {
				this.channel.write(ByteBuffer.wrap(new byte[] { '\n' }));
				this.channel.force(false);
			}
		}
	}

	/** Appends {@code feedback}; durable on return. */
	public void append(Feedback feedback) {
		byte[] line = (this.json.writeValueAsString(toJson(feedback)) + "\n").getBytes(StandardCharsets.UTF_8);
		this.lock.lock();
		try {
			ByteBuffer buffer = ByteBuffer.wrap(line);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
			// Data only: the file's length is metadata the data sync covers for appends on Linux file systems.
			this.channel.force(false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot append to the feedback log at " + this.path, ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * @param namespace the namespace whose feedback is wanted
	 * @param since earliest {@code createdAt} wanted (inclusive), or null for all
	 * @param limit most records returned
	 * @return the namespace's feedback in the order it was received, oldest first
	 */
	public List<Feedback> read(String namespace, @Nullable Instant since, int limit) {
		List<Feedback> found = new ArrayList<>();
		// Under the lock so no half-written line from a concurrent append is read.
		this.lock.lock();
		try (BufferedReader reader = Files.newBufferedReader(this.path, StandardCharsets.UTF_8)) {
			String line;
			int number = 0;
			while (found.size() < limit && (line = reader.readLine()) != null) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				Feedback feedback = parse(line, number);
				if (feedback != null && feedback.namespace().equals(namespace)
						&& (since == null || !feedback.createdAt().isBefore(since))) {
					found.add(feedback);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the feedback log at " + this.path, ex);
		}
		finally {
			this.lock.unlock();
		}
		return List.copyOf(found);
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

	private @Nullable Feedback parse(String line, int number) {
		try {
			JsonNode node = this.json.readTree(line);
			List<String> sourceIds = new ArrayList<>();
			node.path("source_ids").forEach(id -> sourceIds.add(id.asString()));
			JsonNode comment = node.get("comment");
			return new Feedback(node.get("id").asString(), node.get("query_id").asString(),
					node.get("namespace").asString(), node.get("rating").asString(), sourceIds,
					(comment == null || comment.isNull()) ? null : comment.asString(),
					Instant.parse(node.get("created_at").asString()));
		}
		catch (RuntimeException ex) {
			// JacksonException for a cut-short line, NullPointerException or DateTimeParseException for a mangled one.
			log.warn("skipping unreadable feedback line path={} line={} cause={}", this.path, number,
					ex.getClass().getSimpleName());
			return null;
		}
	}

	public Path path() {
		return this.path;
	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot close the feedback log at " + this.path, ex);
		}
	}

}
