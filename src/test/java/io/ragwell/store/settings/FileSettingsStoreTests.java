package io.ragwell.store.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.ragwell.core.SearchMode;
import io.ragwell.query.plan.Fusion;
import io.ragwell.query.plan.RetrievalSettings;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.plan.TuningState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileSettingsStoreTests {

	@TempDir
	Path dir;

	@Test
	void aDocumentIsReadBackByANewStoreOverTheSameDirectoryAndStaysInItsNamespace() {
		new FileSettingsStore(this.dir).write("alpha", "retrieval-tuning", "{\"x\":1}");
		FileSettingsStore reopened = new FileSettingsStore(this.dir);
		assertThat(reopened.read("alpha", "retrieval-tuning")).contains("{\"x\":1}");
		assertThat(reopened.read("beta", "retrieval-tuning")).isEmpty();
		assertThat(reopened.read("../alpha", "retrieval-tuning")).isEmpty();
	}

	@Test
	void aRewriteReplacesTheWholeDocumentAndLeavesNoTemporaryFile() throws IOException {
		FileSettingsStore store = new FileSettingsStore(this.dir);
		store.write("alpha", "retrieval-tuning", "{\"long\":\"" + "x".repeat(1000) + "\"}");
		store.write("alpha", "retrieval-tuning", "{}");
		assertThat(store.read("alpha", "retrieval-tuning")).contains("{}");
		try (Stream<Path> files = Files.walk(this.dir)) {
			assertThat(files.filter(Files::isRegularFile)).singleElement()
				.satisfies((file) -> assertThat(file.getFileName().toString()).isEqualTo("retrieval-tuning.json"));
		}
	}

	@Test
	void namesThatCouldLeaveTheNamespaceAndOversizedDocumentsAreRefused() {
		FileSettingsStore store = new FileSettingsStore(this.dir);
		assertThatIllegalArgumentException().isThrownBy(() -> store.write("alpha", "../x", "{}"));
		assertThatIllegalArgumentException().isThrownBy(() -> store.read("alpha", "a/b"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> store.write("alpha", "big", "x".repeat(FileSettingsStore.MAX_DOCUMENT_CHARS + 1)));
	}

	@Test
	void tunedSettingsSurviveARestartAndAGarbledFileMeansTheConfiguredOnes() throws IOException {
		RetrievalSettings settings = new RetrievalSettings(SearchMode.HYBRID, Fusion.RRF, 0.3, 30, 200);
		TuningState state = new TuningState(
				new TuningState.Applied(settings, 0.71, 0.62, 0.7, 80, Instant.parse("2026-12-01T10:00:00Z")), null);
		new TunedSettings(new FileSettingsStore(this.dir), Duration.ofSeconds(5)).write("alpha", state);

		TunedSettings afterRestart = new TunedSettings(new FileSettingsStore(this.dir), Duration.ofSeconds(5));
		assertThat(afterRestart.state("alpha")).isEqualTo(state);
		assertThat(afterRestart.current("alpha")).isEqualTo(settings);
		assertThat(afterRestart.current("beta")).isNull();

		try (Stream<Path> files = Files.walk(this.dir)) {
			Path file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
			Files.writeString(file, "{\"current\": {\"settings\": {\"mode\": \"sideways\"");
		}
		assertThat(new TunedSettings(new FileSettingsStore(this.dir), Duration.ofSeconds(5)).current("alpha")).isNull();
	}

}
