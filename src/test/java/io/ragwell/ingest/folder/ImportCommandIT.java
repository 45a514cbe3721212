package io.ragwell.ingest.folder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import command against the running application (multipart uploads, parsed by Tika): first run, incremental
 * re-run, async jobs, a refused file, an unreachable service.
 */
@RagwellIntegrationTest
class ImportCommandIT {

	@LocalServerPort
	int port;

	@TempDir
	Path folder;

	private record Run(int exitCode, String output) {
	}

	private Run importFolder(String... options) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		String[] args = new String[options.length + 3];
		args[0] = this.folder.toString();
		args[1] = "--url";
		args[2] = "http://localhost:" + this.port;
		System.arraycopy(options, 0, args, 3, options.length);
		int exit = ImportCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
		return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
	}

	@Test
	void importsAFolderReportsFailuresAndReRunsIncrementally() throws Exception {
		Files.createDirectories(this.folder.resolve("import-it/sub dir"));
		Files.writeString(this.folder.resolve("import-it/otters.md"),
				"# Otters\n\nSea otters use rocks as tools to crack open shellfish while floating on their backs.");
		Files.writeString(this.folder.resolve("import-it/sub dir/bees.txt"),
				"Honey bees communicate the direction of flowers with a waggle dance.");
		Files.write(this.folder.resolve("import-it/blob.bin"), new byte[] { 0, 1, 2, 3, (byte) 0xfe, (byte) 0xff, 7, 0 });
		RagwellHttp http = new RagwellHttp(this.port);

		Run first = importFolder("--metadata", "team=import-it");
		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(first.output()).contains("importing 3 files", "[1/3]", "[3/3]", "2 created", "1 failed",
				"1 failed:", "import-it/blob.bin: 415 unsupported-media-type: files of type application/octet-stream");
		JsonNode otters = http.get("/documents/import-it:otters.md").json();
		assertThat(otters.get("source").asString()).isEqualTo("import-it/otters.md");
		assertThat(otters.get("metadata").get("team").asString()).isEqualTo("import-it");
		assertThat(otters.get("content").asString()).contains("Sea otters use rocks");
		JsonNode found = http.post("/search", java.util.Map.of("query", "which animal dances to show where flowers are",
				"filters", java.util.Map.of("team", "import-it")))
			.json();
		assertThat(found.get("results").get(0).get("chunk").get("document_id").asString())
			.startsWith("import-it:sub_dir:bees.txt-");

		Run again = importFolder("--metadata", "team=import-it", "--glob", "**/*.{md,txt}");
		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).contains("importing 2 files", "2 unchanged").doesNotContain("failed");

		Files.writeString(this.folder.resolve("import-it/otters.md"),
				"# Otters\n\nSea otters hold hands while they sleep so that they do not drift apart.");
		Run async = importFolder("--metadata", "team=import-it", "--glob", "**/*.md", "--async");
		assertThat(async.exitCode()).as(async.output()).isZero();
		assertThat(async.output()).contains("job ", "succeeded", "1 embedded", "imported 1 files (1 updated)");
		assertThat(http.get("/documents/import-it:otters.md").json().get("content").asString()).contains("hold hands");
	}

	@Test
	void anAsyncImportFollowsItsJobsAndReportsEachFileAsTheSynchronousOneDoes() throws Exception {
		Files.createDirectories(this.folder.resolve("async-it"));
		Files.writeString(this.folder.resolve("async-it/herons.md"),
				"# Herons\n\nA grey heron stands still in shallow water and spears fish with its bill.");
		Files.writeString(this.folder.resolve("async-it/moles.txt"),
				"Moles dig tunnels with their broad front paws and eat earthworms they find there.");
		Files.write(this.folder.resolve("async-it/blob.bin"), new byte[] { 0, 1, 2, 3, (byte) 0xfe, (byte) 0xff, 7, 0 });

		Run first = importFolder("--glob", "async-it/**", "--async");
		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(first.output()).contains("importing 3 files", "as background jobs", "[3/3]", "async-it/herons.md created",
				"async-it/moles.txt created", "imported 3 files (2 created, 1 failed)", "1 failed:",
				"async-it/blob.bin: 415 unsupported-media-type");

		Files.writeString(this.folder.resolve("async-it/moles.txt"),
				"Moles are nearly blind and find their way underground by touch and smell.");
		Run second = importFolder("--glob", "async-it/*.{md,txt}", "--async");
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(second.output()).contains("async-it/herons.md unchanged (1 chunks)", "async-it/moles.txt updated",
				"imported 2 files (1 unchanged, 1 updated)")
			.doesNotContain("failed");
		assertThat(new RagwellHttp(this.port).get("/documents/async-it:moles.txt").json().get("content").asString())
			.contains("nearly blind");
	}

	@Test
	void anUnreachableServiceEndsWithAClearMessage() throws Exception {
		Files.writeString(this.folder.resolve("a.md"), "text");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int exit = ImportCommand.run(new String[] { this.folder.toString(), "--url", "http://127.0.0.1:9" },
				new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
		assertThat(exit).isEqualTo(1);
		assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("import failed: cannot reach http://127.0.0.1:9/");
	}

}
