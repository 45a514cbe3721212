package io.ragwell.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.SearchMode;
import io.ragwell.query.log.QueryLogEntry;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.RetrievalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class QueryLogFileTests {

	@TempDir
	Path dir;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private static QueryLogEntry entry(String id, String namespace, String question) {
		return new QueryLogEntry(id, namespace, question,
				new RetrievalSettings(SearchMode.HYBRID, Fusion.RRF, 0.3, 20, 150),
				List.of(new QueryLogEntry.Source("doc-1#0", "doc-1"), new QueryLogEntry.Source("doc-2#3", "doc-2")),
				Instant.parse("2026-12-01T10:00:00Z"));
	}

	@Test
	void aLoggedQuestionIsReadBackWhole() {
		try (QueryLogFile log = new QueryLogFile(this.dir, 1 << 20, 3, 100, Duration.ZERO, true, this.registry)) {
			QueryLogEntry entry = entry("q1", "alpha", "How do penguins keep warm?");
			log.record(entry);
			log.flush();
			assertThat(log.read("alpha", Set.of("q1"))).containsExactly(Map.entry("q1", entry));
		}
	}

	@Test
	void aNamespaceReadsOnlyItsOwnQuestions() {
		try (QueryLogFile log = new QueryLogFile(this.dir, 1 << 20, 3, 100, Duration.ZERO, true, this.registry)) {
			log.record(entry("q1", "alpha", "alpha's question"));
			log.record(entry("q2", "beta", "beta's question"));
			log.flush();
			assertThat(log.read("alpha", Set.of("q1", "q2"))).containsOnlyKeys("q1");
			assertThat(log.read("beta", Set.of("q1", "q2"))).containsOnlyKeys("q2");
		}
	}

	@Test
	void rotationBoundsANamespacesFilesAndKeepsTheNewest() throws IOException {
		try (QueryLogFile log = new QueryLogFile(this.dir, 2048, 2, 10_000, Duration.ZERO, true, this.registry)) {
			for (int i = 0; i < 200; i++) {
				log.record(entry("q" + i, "alpha", "question number " + i));
			}
			log.flush();
			long bytes;
			try (Stream<Path> files = Files.walk(this.dir)) {
				bytes = files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
			}
			assertThat(bytes).isLessThanOrEqualTo(2 * 2048 + 1024);
			assertThat(log.read("alpha", Set.of("q199"))).containsOnlyKeys("q199");
			assertThat(log.read("alpha", Set.of("q0"))).isEmpty();
		}
	}

	@Test
	void aFullQueueDropsAndCountsInsteadOfBlocking() {
		try (QueryLogFile log = new QueryLogFile(this.dir, 1 << 20, 2, 2, Duration.ofSeconds(30), true,
				this.registry)) {
			for (int i = 0; i < 10; i++) {
				log.record(entry("q" + i, "alpha", "question " + i));
			}
			assertThat(this.registry.counter(QueryLogFile.DROPPED).count()).isGreaterThanOrEqualTo(7);
		}
	}

	@Test
	void tornAndForeignLinesAreSkipped() throws IOException {
		try (QueryLogFile log = new QueryLogFile(this.dir, 1 << 20, 2, 100, Duration.ZERO, true, this.registry)) {
			log.record(entry("q1", "alpha", "first"));
			log.flush();
			Path file;
			try (Stream<Path> files = Files.walk(this.dir)) {
				file = files.filter((p) -> p.getFileName().toString().equals(QueryLogFile.FILE)).findFirst().orElseThrow();
			}
			Files.writeString(file, "not json\n{\"query_id\":\"q9\"}\n{\"torn", java.nio.file.StandardOpenOption.APPEND);
			assertThat(log.read("alpha", Set.of("q1", "q9"))).containsOnlyKeys("q1");
		}
	}

	@Test
	void disabledRecordsNothing() {
		try (QueryLogFile log = new QueryLogFile(this.dir, 1 << 20, 2, 100, Duration.ZERO, false, this.registry)) {
			log.record(entry("q1", "alpha", "first"));
			log.flush();
			assertThat(log.read("alpha", Set.of("q1"))).isEmpty();
		}
	}

}
