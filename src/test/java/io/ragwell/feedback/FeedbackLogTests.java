package io.ragwell.feedback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackLogTests {

	private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	@TempDir
	Path dir;

	private static Feedback feedback(String namespace, int n, String comment) {
		return new Feedback(UUID.nameUUIDFromBytes(("f" + n).getBytes(StandardCharsets.UTF_8)).toString(),
				UUID.nameUUIDFromBytes(("q" + n).getBytes(StandardCharsets.UTF_8)).toString(), namespace, "up",
				List.of("doc#" + n), comment, NOW.plusSeconds(n));
	}

	@Test
	void rotationAtTheCapKeepsAtMostMaxFilesAndBoundedBytes() throws IOException {
		Path file = this.dir.resolve("feedback.jsonl");
		long cap = 4096;
		int maxFiles = 3;
		try (FeedbackLog log = new FeedbackLog(file, cap, maxFiles)) {
			for (int n = 0; n < 500; n++) {
				log.append(feedback("a", n, "comment " + "x".repeat(n % 200)));
			}
			List<Path> files;
			try (Stream<Path> listing = Files.list(this.dir)) {
				files = listing.toList();
			}
			assertThat(files).hasSize(maxFiles)
				.allSatisfy(path -> assertThat(Files.size(path)).isLessThanOrEqualTo(cap))
				.extracting(path -> path.getFileName().toString())
				.containsExactlyInAnyOrder("feedback.jsonl", "feedback.jsonl.1", "feedback.jsonl.2");

			// The newest records survive, in order, and the export spans the rotated files.
			List<Feedback> kept = log.read("a", null, 10_000);
			assertThat(kept).isNotEmpty().hasSizeLessThan(500);
			assertThat(kept.getLast()).isEqualTo(feedback("a", 499, "comment " + "x".repeat(499 % 200)));
			assertThat(kept).extracting(Feedback::createdAt).isSorted();
			int first = (int) (kept.getFirst().createdAt().getEpochSecond() - NOW.getEpochSecond());
			assertThat(kept).hasSize(500 - first);
		}
	}

	@Test
	void filesBeyondALoweredMaxFilesAreDeletedOnOpen() throws IOException {
		Path file = this.dir.resolve("feedback.jsonl");
		try (FeedbackLog log = new FeedbackLog(file, 500, 5)) {
			for (int n = 0; n < 40; n++) {
				log.append(feedback("a", n, null));
			}
		}
		assertThat(this.dir.resolve("feedback.jsonl.4")).exists();

		try (FeedbackLog log = new FeedbackLog(file, 500, 2)) {
			try (Stream<Path> listing = Files.list(this.dir)) {
				assertThat(listing.map(path -> path.getFileName().toString()).toList())
					.containsExactlyInAnyOrder("feedback.jsonl", "feedback.jsonl.1");
			}
			assertThat(log.read("a", null, 100).getLast().createdAt()).isEqualTo(NOW.plusSeconds(39));
		}
	}

	@Test
	void aSingleFileLogStartsOverWhenFull() throws IOException {
		Path file = this.dir.resolve("feedback.jsonl");
		try (FeedbackLog log = new FeedbackLog(file, 1000, 1)) {
			for (int n = 0; n < 50; n++) {
				log.append(feedback("a", n, null));
			}
			assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
			try (Stream<Path> listing = Files.list(this.dir)) {
				assertThat(listing.toList()).containsExactly(file);
			}
			assertThat(log.read("a", null, 100).getLast().createdAt()).isEqualTo(NOW.plusSeconds(49));
		}
	}

	/** Tails a crash can leave after the last complete record: cut UTF-8 sequences, stray and invalid bytes. */
	static Stream<byte[]> tornTails() {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
		byte[] emoji = "🙂".getBytes(StandardCharsets.UTF_8);
		String start = "{\"id\":\"x\",\"query_id\":\"y\",\"namespace\":\"a\",\"rating\":\"up\",\"comment\":\"";
		return Stream.of(concat(start.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(euro, 1)),
				concat(start.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(euro, 2)),
				concat(start.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(emoji, 3)), new byte[] { (byte) 0xC3 },
				new byte[] { (byte) 0xFF, (byte) 0xFE, 0 }, new byte[] { 0, 0, 0, 0 }, new byte[] { '{' },
				new byte[] { (byte) 0x80 }, "\"}".getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@MethodSource("tornTails")
	void anExportOverATornFinalLineReturnsTheCompleteRecords(byte[] tail) throws IOException {
		Path file = this.dir.resolve("feedback.jsonl");
		List<Feedback> written = new ArrayList<>();
		try (FeedbackLog log = new FeedbackLog(file, 1 << 20, 2)) {
			for (int n = 0; n < 3; n++) {
				Feedback feedback = feedback("a", n, "naïve café €" + n + " 🙂");
				log.append(feedback);
				written.add(feedback);
			}
		}
		// kill -9 mid-append: part of the next line, no newline.
		Files.write(file, tail, StandardOpenOption.APPEND);

		// Read as found after the crash, before anything repairs it...
		try (FeedbackLog reopened = new FeedbackLog(file, 1 << 20, 2)) {
			assertThat(reopened.read("a", null, 100)).isEqualTo(written);
			// ...and once more after the next append ended the fragment with a newline of its own.
			Feedback next = feedback("a", 3, "après");
			reopened.append(next);
			written.add(next);
			assertThat(reopened.read("a", null, 100)).isEqualTo(written);
		}
	}

	@Test
	void aTornFinalLineIsSkippedEvenBeforeTheLogIsReopened() throws IOException {
		Path file = this.dir.resolve("feedback.jsonl");
		Files.createDirectories(file.getParent());
		byte[] complete;
		try (FeedbackLog other = new FeedbackLog(this.dir.resolve("other/feedback.jsonl"), 1 << 20, 1)) {
			complete = other.line(feedback("a", 1, "ü"));
		}
		byte[] torn = Arrays.copyOf(complete, complete.length - 4);
		Files.write(file, concat(complete, torn));

		try (FeedbackLog log = new FeedbackLog(file, 1 << 20, 1)) {
			assertThat(log.read("a", null, 100)).containsExactly(feedback("a", 1, "ü"));
		}
	}

	@Test
	void concurrentAppendsAreAllDurableAndWhole() throws Exception {
		Path file = this.dir.resolve("feedback.jsonl");
		try (FeedbackLog log = new FeedbackLog(file, 2048, 100);
				ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<?>> futures = new ArrayList<>();
			for (int n = 0; n < 200; n++) {
				int id = n;
				futures.add(pool.submit(() -> log.append(feedback("a", id, "c" + id))));
			}
			for (Future<?> future : futures) {
				future.get();
			}
			assertThat(log.read("a", null, 1000)).hasSize(200);
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

}
