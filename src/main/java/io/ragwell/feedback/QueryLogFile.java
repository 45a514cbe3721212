package io.ragwell.feedback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.query.log.QueryLog;
import io.ragwell.query.log.QueryLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The query log on disk: per namespace, {@code <root>/<sha256(namespace)>/queries.jsonl}, one JSON object per
 * answered question (question, {@code query_id}, settings, returned chunk and document ids; never the sources'
 * text), rotated to {@code queries.jsonl.1 … .(maxFiles-1)} at {@code maxFileBytes}.
 *
 * <p><b>Cheap on the query path.</b> {@link #record} only offers the entry to a bounded queue; a full queue drops
 * it and counts {@code rag.query.log.dropped}. One writer thread takes what queued, every {@code flushInterval} at
 * most, appends each namespace's lines and fsyncs each touched file once: one fsync per namespace per interval,
 * none per query. A crash loses at most the last interval's questions, which only means their feedback cannot be
 * joined.
 *
 * <p><b>Bounded.</b> Memory: the queue. Disk: {@code maxFiles * maxFileBytes} per namespace, the oldest questions
 * going first; one namespace's traffic never rotates another's questions away. Reading skips torn or oversized
 * lines.
 */
public final class QueryLogFile implements QueryLog, AutoCloseable {

	/** Counts questions the full queue turned away. */
	public static final String DROPPED = "rag.query.log.dropped";

	static final String FILE = "queries.jsonl";

	/** A question is at most {@code max-query-chars}; 50 source ids add a few KB. Longer lines are not ours. */
	private static final int MAX_LINE_CHARS = 1024 * 1024;

	/** Entries one write turn takes, so {@link #flush} and shutdown never hold the lock for long. */
	private static final int BATCH = 4096;

	private static final Logger log = LoggerFactory.getLogger(QueryLogFile.class);

	private final Path root;

	private final long maxFileBytes;

	private final int maxFiles;

	private final Duration flushInterval;

	private final BlockingQueue<QueryLogEntry> queue;

	private final Counter dropped;

	/** One writer at a time: the thread, {@link #flush} and {@link #close}. */
	private final ReentrantLock writeLock = new ReentrantLock();

	private final JsonMapper json = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final Thread writer;

	private volatile boolean closed;

	/** Entries taken by {@link #record}; {@link #processed} catches up as they are written (or lost). */
	private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();

	/** Entries written or lost, under {@link #writeLock}; signalled on {@link #progress}. */
	private long processed;

	private final java.util.concurrent.locks.Condition progress = this.writeLock.newCondition();

	private final boolean enabled;

	/**
	 * @param root directory of the log; created when missing
	 * @param maxFileBytes size at which a namespace's file is rotated
	 * @param maxFiles files kept per namespace, the current one included
	 * @param queueCapacity entries waiting for the writer at most
	 * @param flushInterval time between write turns
	 * @param enabled false: {@link #record} keeps nothing (what was logged before can still be read)
	 * @param registry where the dropped count goes
	 */
	public QueryLogFile(Path root, long maxFileBytes, int maxFiles, int queueCapacity, Duration flushInterval,
			boolean enabled, MeterRegistry registry) {
		this.enabled = enabled;
		this.root = root.toAbsolutePath().normalize();
		this.maxFileBytes = maxFileBytes;
		this.maxFiles = maxFiles;
		this.flushInterval = flushInterval;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.dropped = Counter.builder(DROPPED)
			.description("Answered questions the query log had no room for")
			.register(registry);
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the query log directory " + this.root, ex);
		}
		this.writer = Thread.ofPlatform().name("ragwell-query-log").daemon().unstarted(this::run);
		this.writer.start();
	}

	@Override
	public void record(QueryLogEntry entry) {
		if (!this.enabled) {
			return;
		}
		// Counted before the offer, so a flush that starts after this call waits for the entry.
		this.accepted.incrementAndGet();
		if (this.closed || !this.queue.offer(entry)) {
			this.accepted.decrementAndGet();
			this.dropped.increment();
		}
	}

	private void run() {
		while (!this.closed) {
			boolean waiting = false;
			boolean interrupted = false;
			try {
				waiting = awaitEntries();
				if (waiting) {
					// Let the interval's questions gather, so a busy service pays one fsync per interval.
					Thread.sleep(this.flushInterval);
				}
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
			if (waiting) {
				try {
					// Drained under the write lock, like flush(): entries reach the files in the order they were
					// recorded. (Holding the first one outside the queue while the interval passed let a flush
					// write every later entry before it.)
					write(new ArrayList<>());
				}
				catch (RuntimeException ex) {
					log.warn("the query log could not be written; its questions are lost path={} error={}",
							this.root, ex.toString());
				}
			}
			if (interrupted) {
				return;
			}
		}
	}

	/** Waits up to a second for an entry, leaving it in the queue; true when there is one. */
	private boolean awaitEntries() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		while (this.queue.isEmpty()) {
			if (this.closed || System.nanoTime() >= deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	/**
	 * Writes every entry recorded before this call and makes it durable: for readers that must see what was just
	 * answered. Waits at most a few seconds for an entry the writer thread is holding.
	 */
	public void flush() {
		long target = this.accepted.get();
		write(new ArrayList<>());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5) + this.flushInterval.toNanos();
		this.writeLock.lock();
		try {
			while (this.processed < target) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				this.progress.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void write(List<QueryLogEntry> batch) {
		this.writeLock.lock();
		try {
			do {
				this.queue.drainTo(batch, BATCH - batch.size());
				if (batch.isEmpty()) {
					return;
				}
				Map<String, List<byte[]>> byNamespace = new LinkedHashMap<>();
				for (QueryLogEntry entry : batch) {
					byNamespace.computeIfAbsent(entry.namespace(), (ns) -> new ArrayList<>()).add(line(entry));
				}
				try {
					for (Map.Entry<String, List<byte[]>> lines : byNamespace.entrySet()) {
						append(lines.getKey(), lines.getValue());
					}
				}
				finally {
					this.processed += batch.size();
					this.progress.signalAll();
					batch.clear();
				}
			}
			while (!this.queue.isEmpty());
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private byte[] line(QueryLogEntry entry) {
		return (this.json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private void append(String namespace, List<byte[]> lines) {
		Path file = directory(namespace).resolve(FILE);
		try {
			Files.createDirectories(file.getParent());
			FileChannel channel = open(file);
			try {
				for (byte[] line : lines) {
					if (channel.size() > 0 && channel.size() + line.length > this.maxFileBytes) {
						channel.force(false);
						channel.close();
						rotate(file);
						channel = open(file);
					}
					ByteBuffer buffer = ByteBuffer.wrap(line);
					while (buffer.hasRemaining()) {
						channel.write(buffer);
					}
				}
				channel.force(false);
			}
			finally {
				channel.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot append to the query log " + file, ex);
		}
	}

	private static FileChannel open(Path file) throws IOException {
		return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
	}

	/** {@code queries.jsonl} becomes {@code .1}, {@code .1} becomes {@code .2}…, the oldest beyond the cap goes. */
	private void rotate(Path file) throws IOException {
		Files.deleteIfExists(rotated(file, this.maxFiles - 1));
		for (int number = this.maxFiles - 2; number >= 0; number--) {
			Path from = rotated(file, number);
			if (Files.exists(from)) {
				Files.move(from, rotated(file, number + 1), StandardCopyOption.ATOMIC_MOVE);
			}
		}
	}

	private static Path rotated(Path file, int number) {
		return (number == 0) ? file : file.resolveSibling(file.getFileName() + "." + number);
	}

	/**
	 * The namespace's logged questions among {@code queryIds}: only its own files are read.
	 * @param namespace tenant namespace
	 * @param queryIds the ids wanted
	 * @return entry per query id found (a missing id was never logged, or has been rotated away)
	 */
	public Map<String, QueryLogEntry> read(String namespace, Set<String> queryIds) {
		Map<String, QueryLogEntry> found = new LinkedHashMap<>();
		if (queryIds.isEmpty()) {
			return found;
		}
		Path file = directory(namespace).resolve(FILE);
		for (int number = this.maxFiles - 1; number >= 0; number--) {
			readFile(rotated(file, number), namespace, queryIds, found);
		}
		return found;
	}

	private void readFile(Path file, String namespace, Set<String> queryIds, Map<String, QueryLogEntry> found) {
		try (InputStream in = Files.newInputStream(file);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in,
						StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)))) {
			StringBuilder line = new StringBuilder();
			int c;
			boolean tooLong = false;
			while ((c = reader.read()) != -1) {
				if (c != '\n') {
					if (line.length() < MAX_LINE_CHARS) {
						line.append((char) c);
					}
					else {
						tooLong = true;
					}
					continue;
				}
				if (!tooLong && !line.isEmpty()) {
					parse(line.toString(), namespace, queryIds, found);
				}
				line.setLength(0);
				tooLong = false;
			}
			// An unterminated last line was torn by a crash: skipped.
		}
		catch (NoSuchFileException ex) {
			// Fewer files than the maximum so far.
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the query log " + file, ex);
		}
	}

	private void parse(String line, String namespace, Set<String> queryIds, Map<String, QueryLogEntry> found) {
		try {
			QueryLogEntry entry = this.json.readValue(line, QueryLogEntry.class);
			// The directory is the namespace's; the field is checked too, as a second guard.
			if (entry.namespace().equals(namespace) && queryIds.contains(entry.queryId())) {
				found.put(entry.queryId(), entry);
			}
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			// A line this version cannot read: skipped, never failing the whole read.
		}
	}

	private Path directory(String namespace) {
		try {
			return this.root.resolve(HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(namespace.getBytes(StandardCharsets.UTF_8))));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

	/** Writes what is queued and stops the writer. */
	@Override
	public void close() {
		this.closed = true;
		this.writer.interrupt();
		try {
			this.writer.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("the query log's last questions could not be written path={} error={}", this.root, ex.toString());
		}
	}

}
