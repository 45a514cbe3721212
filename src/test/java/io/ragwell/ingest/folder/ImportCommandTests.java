package io.ragwell.ingest.folder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The parts of the import command that need no server: ids, file selection, arguments, the progress line. */
class ImportCommandTests {

	@TempDir
	Path dir;

	@Test
	void idsComeFromTheRelativePathAndStayDistinctWhenCharactersAreReplaced() {
		assertThat(FolderFile.idFor("notes/a.md")).isEqualTo("notes:a.md");
		String spaced = FolderFile.idFor("sub dir/b c.txt");
		String underscored = FolderFile.idFor("sub_dir/b_c.txt");
		assertThat(spaced).startsWith("sub_dir:b_c.txt-").isNotEqualTo(underscored);
		assertThat(spaced).isEqualTo(FolderFile.idFor("sub dir/b c.txt"));
		assertThat(FolderFile.idFor("_draft.md")).matches("f_draft\\.md-[0-9a-f]{12}");
		String longest = FolderFile.idFor("x/".repeat(200) + "y.md");
		assertThat(longest).hasSizeLessThanOrEqualTo(256).matches("[A-Za-z0-9][A-Za-z0-9._:@\\-]*");
		assertThat(FolderFile.idFor("überblick.md")).matches("[A-Za-z0-9][A-Za-z0-9._:@\\-]*");
	}

	@Test
	void theGlobSelectsByRelativePathIncludingTopLevelFilesAndHiddenFilesAreSkipped() throws Exception {
		Files.createDirectories(this.dir.resolve("a/b"));
		Files.createDirectories(this.dir.resolve(".git"));
		Files.writeString(this.dir.resolve("top.md"), "t");
		Files.writeString(this.dir.resolve("a/b/deep.md"), "d");
		Files.writeString(this.dir.resolve("a/notes.txt"), "n");
		Files.writeString(this.dir.resolve(".git/config.md"), "hidden");
		Files.writeString(this.dir.resolve("a/.draft.md"), "hidden");
		assertThat(FolderFile.list(this.dir, "**/*.md")).extracting(FolderFile::relative)
			.containsExactly("a/b/deep.md", "top.md");
		assertThat(FolderFile.list(this.dir, "**/*")).extracting(FolderFile::relative)
			.containsExactly("a/b/deep.md", "a/notes.txt", "top.md");
		assertThat(FolderFile.list(this.dir, "a/*")).extracting(FolderFile::relative).containsExactly("a/notes.txt");
	}

	@Test
	void argumentsAreCheckedBeforeAnythingIsSent() {
		assertThat(ImportCommand.Options.parse(new String[] { this.dir.toString(), "--url", "http://h:1", "--metadata",
				"team=a=b", "--async" }, "env-key"))
			.satisfies(options -> {
				assertThat(options.metadata()).isEqualTo(Map.of("team", "a=b"));
				assertThat(options.apiKey()).isEqualTo("env-key");
				assertThat(options.async()).isTrue();
				assertThat(options.url().toString()).isEqualTo("http://h:1/");
			});
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportCommand.Options.parse(new String[] { this.dir.toString() }, null))
			.withMessageContaining("--url");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportCommand.Options.parse(new String[] { this.dir.resolve("missing").toString(), "--url",
					"http://h:1" }, null))
			.withMessageContaining("not a folder");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportCommand.Options.parse(new String[] { this.dir.toString(), "--url", "ftp://h" }, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImportCommand.Options.parse(new String[] { this.dir.toString(), "--url", "http://h:1",
					"--metadata", "novalue" }, null));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		assertThat(ImportCommand.run(new String[] { "--nope" }, new PrintStream(bytes, true, StandardCharsets.UTF_8), false))
			.isEqualTo(1);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown option: --nope", "usage: import DIR");
	}

	@Test
	void theProgressLineShowsFilesMegabytesChunksRateAndEta() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 4, 4_000_000);
		progress.fileDone(1_000_000, 7, "a.md created (7 chunks)");
		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[1/4] a.md created (7 chunks)" + System.lineSeparator());
		String line = progress.line(System.nanoTime());
		assertThat(line).startsWith("[######------------------] 1/4 files  1.0/4.0 MB  7 chunks")
			.containsPattern("files/s .* MB/s  ETA \\d\\d:\\d\\d");
		List.of(1, 2, 3).forEach(i -> progress.fileDone(1_000_000, 1, "f"));
		assertThat(progress.line(System.nanoTime())).contains("4/4 files", "ETA --:--");
	}

}
