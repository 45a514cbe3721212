package io.ragwell.ingest.folder;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar ragwell.jar import DIR --url http://host:8080 …}: uploads every file of a folder to a running
 * Ragwell, one document per file, its id derived from the file's path below the folder ({@link FolderFile#idFor}),
 * so a re-run is incremental: a file that has not changed comes back {@code unchanged} and embeds nothing.
 * <p>
 * Each file goes up as a {@code multipart/form-data} {@code file} part, streamed from disk, with its {@code id},
 * {@code source} (the relative path) and {@code metadata}; the service parses it (PDF, Office, HTML, text, images
 * through OCR …). A file the service refuses (415, 422, 413) is reported as failed, with the reason, and the others
 * go on. With {@code --async} files are sent in batches as background jobs ({@code POST /documents?mode=async},
 * one {@code id} part per file) and the command follows the jobs to their end. 429 and 503 answers are retried
 * after their {@code Retry-After}.
 * <p>
 * Exit code 0 when every file was ingested, 1 when any failed (they are listed) or on bad arguments.
 */
public final class ImportCommand {

	public static final String NAME = "import";

	static final String USAGE = """
			usage: import DIR --url http://host:8080 [--api-key KEY] [--glob '**/*.md'] [--metadata k=v ...] [--async]
			  DIR         the folder; every file below it (hidden ones skipped) that the glob matches is uploaded
			  --url       the Ragwell service
			  --api-key   a key with the write scope (default: $RAGWELL_API_KEY)
			  --glob      which files, as a glob over the path below DIR (default **/*)
			  --metadata  metadata for every document, repeatable (values are strings)
			  --async     send background jobs and follow them, instead of waiting for each file
			""";

	/**
	 * Files per background job with {@code --async}, and bytes per job: well under the service's default
	 * {@code max-file-bytes} (64 MB for a request's files together); a larger file goes in a job of its own.
	 */
	private static final int JOB_DOCUMENTS = 32;

	private static final long JOB_BYTES = 16L * 1024 * 1024;

	private static final int ATTEMPTS = 6;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Options options;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private ImportCommand(Options options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Runs the command with progress on {@code out}, drawn as a bar when the process has a terminal.
	 * @param args the arguments after {@code import}
	 * @param out where progress and the summary go
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out) {
		Console console = System.console();
		return run(args, out, console != null && console.isTerminal());
	}

	static int run(String[] args, PrintStream out, boolean terminal) {
		Options options;
		try {
			options = Options.parse(args, System.getenv("RAGWELL_API_KEY"));
		}
		catch (IllegalArgumentException ex) {
			out.println("import: " + ex.getMessage());
			out.print(USAGE);
			return 1;
		}
		try {
			return new ImportCommand(options, out).importFolder(terminal);
		}
		catch (IOException ex) {
			out.println("import failed: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			out.println("import interrupted");
			return 1;
		}
	}

	/** How one file ended. */
	record Outcome(FolderFile file, String status, long chunks, @Nullable String error) {
	}

	private int importFolder(boolean terminal) throws IOException, InterruptedException {
		List<FolderFile> files = FolderFile.list(this.options.dir(), this.options.glob());
		long totalBytes = files.stream().mapToLong(FolderFile::size).sum();
		this.out.printf(Locale.ROOT, "importing %d files (%.1f MB) from %s to %s%s%n", files.size(), totalBytes / 1e6,
				this.options.dir(), this.options.url(), this.options.async() ? " as background jobs" : "");
		long started = System.nanoTime();
		Progress progress = new Progress(this.out, terminal, files.size(), totalBytes);
		List<Outcome> outcomes = this.options.async() ? importAsync(files, progress) : importSync(files, progress);
		progress.finish();
		summarise(outcomes, totalBytes, (System.nanoTime() - started) / 1e9);
		return outcomes.stream().anyMatch(o -> o.error() != null) ? 1 : 0;
	}

	private List<Outcome> importSync(List<FolderFile> files, Progress progress) throws IOException, InterruptedException {
		List<Outcome> outcomes = new ArrayList<>(files.size());
		for (FolderFile file : files) {
			Outcome outcome;
			Reply reply = upload("/documents", List.of(file));
			if (reply.status() == 200) {
				JsonNode result = reply.json().get("documents").get(0);
				outcome = new Outcome(file, result.get("status").asString(), result.get("chunks").asLong(), null);
			}
			else {
				outcome = failed(file, reply.problem());
			}
			outcomes.add(outcome);
			progress.fileDone(file.size(), outcome.chunks(), describe(outcome));
		}
		return outcomes;
	}

	/** A batch of files sent as one job, and how far the job has been followed. */
	private static final class Batch {

		final List<FolderFile> files = new ArrayList<>();

		long bytes;

		@Nullable String statusUrl;

		int reported;

		boolean finished;

	}

	private List<Outcome> importAsync(List<FolderFile> files, Progress progress) throws IOException, InterruptedException {
		Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
		List<Batch> batches = new ArrayList<>();
		Batch batch = new Batch();
		for (FolderFile file : files) {
			if (!batch.files.isEmpty() && (batch.files.size() >= JOB_DOCUMENTS || batch.bytes + file.size() > JOB_BYTES)) {
				submit(batch, outcomes, progress);
				batches.add(batch);
				batch = new Batch();
			}
			batch.files.add(file);
			batch.bytes += file.size();
		}
		if (!batch.files.isEmpty()) {
			submit(batch, outcomes, progress);
			batches.add(batch);
		}
		follow(batches, outcomes, progress);
		List<Outcome> ordered = new ArrayList<>();
		for (FolderFile file : files) {
			ordered.add(outcomes.get(file.id()));
		}
		return ordered;
	}

	private void submit(Batch batch, Map<String, Outcome> outcomes, Progress progress)
			throws IOException, InterruptedException {
		Reply reply = upload("/documents?mode=async", batch.files);
		if (reply.status() == 202) {
			batch.statusUrl = reply.json().get("status_url").asString();
			progress.message("job " + reply.json().get("job_id").asString() + ": " + batch.files.size() + " files");
			return;
		}
		// Refused whole (a batch is validated before it is queued): each file fails with the reason.
		String problem = reply.problem();
		batch.finished = true;
		for (FolderFile file : batch.files) {
			Outcome outcome = failed(file, problem);
			outcomes.put(file.id(), outcome);
			progress.fileDone(file.size(), 0, describe(outcome));
		}
	}

	private void follow(List<Batch> batches, Map<String, Outcome> outcomes, Progress progress)
			throws IOException, InterruptedException {
		while (batches.stream().anyMatch(b -> !b.finished)) {
			for (Batch batch : batches) {
				if (batch.finished || batch.statusUrl == null) {
					continue;
				}
				Reply reply = get(batch.statusUrl);
				if (reply.status() != 200) {
					throw new IOException("GET " + batch.statusUrl + " answered " + reply.problem());
				}
				JsonNode job = reply.json();
				String state = job.get("state").asString();
				int processed = job.get("documents").get("done").asInt() + job.get("documents").get("failed").asInt();
				boolean finished = state.equals("succeeded") || state.equals("failed") || state.equals("cancelled");
				if (!finished) {
					if (processed > batch.reported) {
						batch.reported = processed;
						progress.message("job " + jobId(batch) + " " + state + ": " + processed + "/" + batch.files.size()
								+ " files");
					}
					continue;
				}
				batch.finished = true;
				Map<String, String> errors = new TreeMap<>();
				for (JsonNode error : job.get("errors")) {
					errors.put(error.get("document_id").asString(), error.get("status").asInt() + " "
							+ error.get("type").asString() + ": " + error.get("detail").asString());
				}
				java.time.Instant accepted = java.time.Instant.parse(job.get("created_at").asString());
				for (FolderFile file : batch.files) {
					Outcome outcome = errors.containsKey(file.id()) ? failed(file, errors.get(file.id()))
							: written(file, accepted, state);
					outcomes.put(file.id(), outcome);
					progress.fileDone(file.size(), outcome.chunks(), describe(outcome));
				}
				progress.message("job " + jobId(batch) + " " + state + ": " + job.get("chunks").get("total").asLong()
						+ " chunks, " + job.get("chunks").get("embedded").asLong() + " embedded");
			}
			if (batches.stream().anyMatch(b -> !b.finished)) {
				Thread.sleep(500);
			}
		}
	}

	private static String jobId(Batch batch) {
		String url = java.util.Objects.requireNonNull(batch.statusUrl);
		return url.substring(url.lastIndexOf('/') + 1);
	}

	/**
	 * How a file of a finished job ended, as the synchronous upload would have said it: the job reports counts,
	 * not each document's status, so the document tells. Its timestamps come from the service's clock, like the
	 * job's: written before the job was accepted means the job left it {@code unchanged}.
	 */
	private Outcome written(FolderFile file, java.time.Instant accepted, String state)
			throws IOException, InterruptedException {
		Reply reply = get("/documents/" + java.net.URLEncoder.encode(file.id(), StandardCharsets.UTF_8)
			.replace("+", "%20"));
		if (reply.status() != 200) {
			return failed(file, state.equals("succeeded") ? "not found after its job succeeded: " + reply.problem()
					: "job " + state);
		}
		JsonNode document = reply.json();
		long chunks = document.get("chunks").asLong();
		if (java.time.Instant.parse(document.get("updated_at").asString()).isBefore(accepted)) {
			return state.equals("cancelled") ? failed(file, "job cancelled")
					: new Outcome(file, "unchanged", chunks, null);
		}
		boolean created = !java.time.Instant.parse(document.get("created_at").asString()).isBefore(accepted);
		return new Outcome(file, created ? "created" : "updated", chunks, null);
	}

	private static Outcome failed(FolderFile file, String why) {
		return new Outcome(file, "failed", 0, why);
	}

	private static String describe(Outcome outcome) {
		return outcome.file().relative() + " " + outcome.status()
				+ ((outcome.error() != null) ? ": " + outcome.error() : " (" + outcome.chunks() + " chunks)");
	}

	private void summarise(List<Outcome> outcomes, long totalBytes, double seconds) {
		Map<String, Integer> byStatus = new TreeMap<>();
		long chunks = 0;
		for (Outcome outcome : outcomes) {
			byStatus.merge(outcome.status(), 1, Integer::sum);
			chunks += outcome.chunks();
		}
		StringBuilder counts = new StringBuilder();
		byStatus.forEach((status, count) -> counts.append(counts.isEmpty() ? "" : ", ").append(count).append(' ').append(status));
		this.out.printf(Locale.ROOT, "imported %d files (%s), %.1f MB, %d chunks in %.1f s%n", outcomes.size(),
				counts.isEmpty() ? "none" : counts, totalBytes / 1e6, chunks, seconds);
		List<Outcome> failed = outcomes.stream().filter(o -> o.error() != null).toList();
		if (!failed.isEmpty()) {
			this.out.println(failed.size() + " failed:");
			for (Outcome outcome : failed) {
				this.out.println("  " + outcome.file().relative() + ": " + outcome.error());
			}
		}
	}

	/** A response: its status and body. */
	record Reply(int status, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** What went wrong, from the problem detail when there is one. */
		String problem() {
			try {
				JsonNode problem = JSON.readTree(this.body);
				if (problem.has("detail")) {
					String type = problem.path("type").asString("");
					return this.status + " " + type.substring(type.lastIndexOf(':') + 1) + ": " + problem.get("detail").asString();
				}
			}
			catch (JacksonException ex) {
				// Not JSON: the status alone.
			}
			return "HTTP " + this.status;
		}

	}

	/** {@code path} below the service's URL, which may have a path of its own (behind a proxy). */
	private URI at(String path) {
		return this.options.url().resolve(path.startsWith("/") ? path.substring(1) : path);
	}

	/**
	 * Sends files as one {@code multipart/form-data} request: a {@code file} part each (streamed from disk, never
	 * held in memory), an {@code id} and a {@code source} part each in the same order, and one
	 * {@code metadata} part.
	 */
	private Reply upload(String path, List<FolderFile> files) throws IOException, InterruptedException {
		String boundary = "ragwell-" + java.util.UUID.randomUUID();
		List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
		for (FolderFile file : files) {
			parts.add(text(boundary, "id", file.id()));
			parts.add(text(boundary, "source", file.relative()));
		}
		if (!this.options.metadata().isEmpty()) {
			parts.add(text(boundary, "metadata", JSON.writeValueAsString(this.options.metadata())));
		}
		for (FolderFile file : files) {
			String type = Files.probeContentType(file.path());
			String name = file.path().getFileName().toString().replace("\"", "%22").replace("\r", "").replace("\n", "");
			parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
					+ " filename=\"" + name + "\"\r\nContent-Type: " + ((type != null) ? type : "application/octet-stream")
					+ "\r\n\r\n", StandardCharsets.UTF_8));
			parts.add(HttpRequest.BodyPublishers.ofFile(file.path()));
			parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
		}
		parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
		return exchange(HttpRequest.newBuilder(at(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))));
	}

	private static HttpRequest.BodyPublisher text(String boundary, String name, String value) {
		return HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n", StandardCharsets.UTF_8);
	}

	private Reply get(String path) throws IOException, InterruptedException {
		return exchange(HttpRequest.newBuilder(at(path)).GET());
	}

	/** Sends with the key; retries 429 and 503 after their {@code Retry-After}, and a refused connection briefly. */
	private Reply exchange(HttpRequest.Builder builder) throws IOException, InterruptedException {
		builder.timeout(Duration.ofMinutes(10)).header("Accept", "application/json");
		if (this.options.apiKey() != null) {
			builder.header("Authorization", "Bearer " + this.options.apiKey());
		}
		HttpRequest request = builder.build();
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> response;
			try {
				response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (ConnectException ex) {
				if (attempt >= 3) {
					throw new IOException("cannot reach " + this.options.url() + " (" + ex.getClass().getSimpleName() + ")",
							ex);
				}
				Thread.sleep(1000L * attempt);
				continue;
			}
			int status = response.statusCode();
			if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
				long wait = response.headers().firstValue("Retry-After").map(ImportCommand::seconds).orElse(2L);
				Thread.sleep(Math.clamp(wait, 1, 60) * 1000);
				continue;
			}
			return new Reply(status, response.body());
		}
	}

	private static long seconds(String retryAfter) {
		try {
			return Long.parseLong(retryAfter.trim());
		}
		catch (NumberFormatException ex) {
			return 2;
		}
	}

	record Options(Path dir, URI url, @Nullable String apiKey, String glob, Map<String, String> metadata,
			boolean async) {

		static Options parse(String[] args, @Nullable String envKey) {
			Path dir = null;
			URI url = null;
			String apiKey = envKey;
			String glob = "**/*";
			Map<String, String> metadata = new TreeMap<>();
			boolean async = false;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if ("--async".equals(arg)) {
					async = true;
					continue;
				}
				if (!arg.startsWith("--")) {
					if (dir != null) {
						throw new IllegalArgumentException("one folder only, got " + dir + " and " + arg);
					}
					dir = Path.of(arg);
					continue;
				}
				if (!List.of("--url", "--api-key", "--glob", "--metadata").contains(arg)) {
					throw new IllegalArgumentException("unknown option: " + arg);
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("missing value for " + arg);
				}
				String value = args[++i];
				switch (arg) {
					case "--url" -> url = url(value);
					case "--api-key" -> apiKey = value;
					case "--glob" -> glob = value;
					case "--metadata" -> {
						int eq = value.indexOf('=');
						if (eq < 1) {
							throw new IllegalArgumentException("--metadata takes key=value, was '" + value + "'");
						}
						metadata.put(value.substring(0, eq), value.substring(eq + 1));
					}
					default -> throw new IllegalArgumentException("unknown option: " + arg);
				}
			}
			if (dir == null || url == null) {
				throw new IllegalArgumentException("DIR and --url are required");
			}
			if (!Files.isDirectory(dir)) {
				throw new IllegalArgumentException("not a folder: " + dir);
			}
			return new Options(dir, url, apiKey, glob, Map.copyOf(metadata), async);
		}

		private static URI url(String value) {
			URI uri;
			try {
				uri = URI.create(value.endsWith("/") ? value : value + "/");
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--url is not a URL: " + value);
			}
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				throw new IllegalArgumentException("--url must be http:// or https://, was " + value);
			}
			return uri;
		}

	}

}
