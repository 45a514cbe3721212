package io.ragwell.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.ragwell.RagwellApplication;
import io.ragwell.ingest.files.TestFiles;
import io.ragwell.support.RagwellHttp;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background jobs survive {@code kill -9}: the real service runs as a separate JVM on one data directory; each
 * cycle starts it, submits jobs while it resumes earlier ones, and kills it with SIGKILL at a random moment (during
 * a submission, a batch, a commit, a log append or recovery). A last start lets everything finish, then:
 * <ul>
 * <li>every acknowledged job (202) is listed once and has succeeded with all its documents done;</li>
 * <li>a job whose submission was cut off by the kill either exists whole or left nothing;</li>
 * <li>every document of a job that exists is searchable exactly once: one document per unique marker (ids
 * generated at acceptance are fixed, so a replay never writes a second copy), its chunks all there, and the index
 * holds exactly the sum of those chunks.</li>
 * </ul>
 * One job in three uploads files (generated PDFs and DOCX, multipart/form-data), the rest JSON. The embedder is
 * MiniLM, the faster of the two models, and documents are short. Run by {@link KillCycleIT} (10
 * cycles) and by {@code bench/kill-cycle N}.
 */
public final class KillCycle {

	private final Path dir;

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	KillCycle(Path dir) {
		this.dir = dir;
	}

	/**
	 * {@code bench/kill-cycle N}: N cycles in a temporary directory (deleted after a pass, kept after a failure),
	 * the summary line on stdout, exit code 1 when an assertion fails.
	 */
	public static void main(String[] args) throws Exception {
		int cycles = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		long seed = (args.length > 1) ? Long.parseLong(args[1]) : System.nanoTime();
		Path dir = Files.createTempDirectory("ragwell-kill-cycle");
		try {
			new KillCycle(dir).run(cycles, seed);
		}
		catch (AssertionError ex) {
			System.out.println("kill-cycle FAILED (data kept in " + dir + "): " + ex.getMessage());
			System.exit(1);
		}
		try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		System.exit(0);
	}

	/**
	 * One document as submitted.
	 * @param id its id, or null when the server chooses it at acceptance
	 * @param marker the value of its {@code marker} metadata: its own for JSON, its job's for files (a multipart
	 * upload's metadata covers all its files)
	 * @param tag unique to the document, at the start of its text
	 * @param content its text
	 * @param file {@code pdf} or {@code docx} when sent as a file, null for JSON
	 */
	record Doc(@Nullable String id, String marker, String tag, String content, @Nullable String file) {
	}

	/**
	 * One submitted job: its documents, and its id if the 202 arrived before the kill; {@code refused} when the
	 * service answered 429 (its job queue full), which promises that nothing of it was stored.
	 */
	record Submitted(List<Doc> docs, @Nullable String jobId, boolean refused) {

		Submitted(List<Doc> docs, @Nullable String jobId) {
			this(docs, jobId, false);
		}

	}

	/** Runs the cycles and the final check; prints one summary line. */
	void run(int cycles, long seed) throws Exception {
		Random random = new Random(seed);
		List<Submitted> submitted = new CopyOnWriteArrayList<>();
		int killedDuringSubmission = 0;
		long started = System.nanoTime();
		try {
			for (int cycle = 0; cycle < cycles; cycle++) {
				Server server = start(cycle);
				int cycleNumber = cycle;
				long killAfter = random.nextInt(2500);
				// Built before the kill clock starts (PDFBox and POI take a while to load under load), so the
				// files compete with JSON for the same window.
				List<Planned> plan = plan(cycleNumber, new Random(random.nextLong()));
				Thread submitter = Thread.ofPlatform().start(() -> submitJobs(server.http(), plan, submitted));
				Thread.sleep(killAfter);
				server.process().destroyForcibly();
				assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
				submitter.join();
				if (submitted.stream().anyMatch(s -> s.jobId() == null && !s.refused() && s.docs().getFirst().tag().startsWith("c" + cycleNumber + "-"))) {
					killedDuringSubmission++;
				}
			}
			Server last = start(cycles);
			JsonNode jobs = awaitAllFinished(last.http());
			verify(last.http(), jobs, submitted, seed);
			long acknowledged = submitted.stream().filter(s -> s.jobId() != null).count();
			long refused = submitted.stream().filter(Submitted::refused).count();
			System.out.printf(java.util.Locale.ROOT, "kill-cycle: seed=%d cycles=%d jobs acknowledged=%d refused (429)=%d cut off by the kill=%d "
					+ "(kills during a submission: %d) documents=%d (files: %d, of them acknowledged: %d) seconds=%.1f%n",
					seed, cycles, acknowledged, refused, submitted.size() - acknowledged - refused, killedDuringSubmission,
					submitted.stream().mapToInt(s -> s.docs().size()).sum(),
					submitted.stream().flatMap(s -> s.docs().stream()).filter(d -> d.file() != null).count(),
					submitted.stream().filter(s -> s.jobId() != null).flatMap(s -> s.docs().stream())
						.filter(d -> d.file() != null).count(),
					(System.nanoTime() - started) / 1e9);
		}
		finally {
			for (Process process : this.processes) {
				process.destroyForcibly();
			}
		}
	}

	/** One job to submit: its documents, and the multipart parts when they are files. */
	record Planned(List<Doc> docs, @Nullable List<RagwellHttp.Part> parts) {
	}

	private static List<Planned> plan(int cycle, Random random) {
		List<Planned> plan = new ArrayList<>();
		for (int j = 0; j < 3; j++) {
			// One job in three uploads files (a PDF or a DOCX each) as multipart/form-data; in odd cycles the first
			// does, so that files are acknowledged before most kills, not only cut off by them.
			boolean files = (j == 0 && cycle % 2 == 1) || random.nextInt(3) == 0;
			List<Doc> docs = new ArrayList<>();
			int count = files ? 1 + random.nextInt(2) : 2 + random.nextInt(4);
			// One in four without ids: they are chosen at acceptance, and a replay must reuse them. A multipart
			// upload names all its files or none.
			boolean generatedIds = random.nextInt(4) == 0;
			for (int d = 0; d < count; d++) {
				String tag = "c" + cycle + "-j" + j + "-d" + d;
				String marker = files ? "c" + cycle + "-j" + j + "-files" : tag;
				String id = ((files && generatedIds) || (!files && random.nextInt(4) == 0)) ? null : "doc-" + tag;
				docs.add(new Doc(id, marker, tag, content(random, tag), files ? ((d % 2 == 0) ? "pdf" : "docx") : null));
			}
			plan.add(new Planned(docs, files ? parts(docs) : null));
		}
		return plan;
	}

	private static void submitJobs(RagwellHttp http, List<Planned> plan, List<Submitted> submitted) {
		for (Planned job : plan) {
			try {
				RagwellHttp.Response response = (job.parts() != null)
						? http.postMultipart("/documents?mode=async", job.parts(), Map.of())
						: http.post("/documents?mode=async", Map.of("documents", json(job.docs())));
				if (response.status() == 429) {
					// Back-pressure, not a failure: the queue of unfinished jobs is full (ragwell.jobs.max-queued).
					submitted.add(new Submitted(job.docs(), null, true));
					continue;
				}
				assertThat(response.status()).as(response.body()).isEqualTo(202);
				submitted.add(new Submitted(job.docs(), response.json().get("job_id").asString()));
			}
			catch (IllegalStateException killed) {
				// The connection died with the server: the job may or may not have been stored.
				submitted.add(new Submitted(job.docs(), null));
				return;
			}
		}
	}

	private static List<Map<String, Object>> json(List<Doc> docs) {
		List<Map<String, Object>> body = new ArrayList<>();
		for (Doc doc : docs) {
			Map<String, Object> json = new LinkedHashMap<>();
			if (doc.id() != null) {
				json.put("id", doc.id());
			}
			json.put("content", doc.content());
			json.put("metadata", Map.of("marker", doc.marker()));
			body.add(json);
		}
		return body;
	}

	private static List<RagwellHttp.Part> parts(List<Doc> docs) {
		List<RagwellHttp.Part> parts = new ArrayList<>();
		for (Doc doc : docs) {
			if (doc.id() != null) {
				parts.add(RagwellHttp.Part.field("id", doc.id()));
			}
			if ("pdf".equals(doc.file())) {
				parts.add(new RagwellHttp.Part("file", doc.tag() + ".pdf", "application/pdf",
						TestFiles.pdf(List.of(doc.content()))));
			}
			else {
				parts.add(new RagwellHttp.Part("file", doc.tag() + ".docx",
						"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
						TestFiles.docx(List.<String[]>of(new String[] { "Record", doc.content() }),
								List.<String[]>of(new String[] { "tag", doc.tag() }))));
			}
		}
		parts.add(RagwellHttp.Part.field("metadata", "{\"marker\":\"" + docs.getFirst().marker() + "\"}"));
		return parts;
	}

	private static final String[] WORDS = { "river", "basalt", "orbit", "enzyme", "harbour", "lichen", "quartz",
			"tundra", "pollen", "glacier", "plasma", "cobalt", "delta", "falcon", "meadow", "nebula" };

	private static String content(Random random, String marker) {
		// Mostly one chunk; one in five about 450 words, two chunks with MiniLM's 256 tokens.
		int words = (random.nextInt(5) == 0) ? 450 : 20 + random.nextInt(30);
		StringBuilder text = new StringBuilder("Record ").append(marker).append(':');
		for (int i = 0; i < words; i++) {
			text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
			if (i % 12 == 11) {
				text.append('.');
			}
		}
		return text.append('.').toString();
	}

	private JsonNode awaitAllFinished(RagwellHttp http) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (true) {
			JsonNode jobs = http.get("/jobs?limit=1000").json().get("jobs");
			boolean open = false;
			for (JsonNode job : jobs) {
				String state = job.get("state").asString();
				open |= state.equals("queued") || state.equals("running");
			}
			if (!open) {
				return jobs;
			}
			assertThat(System.nanoTime()).as("jobs still open: %s", jobs).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private static void verify(RagwellHttp http, JsonNode jobs, List<Submitted> submitted, long seed) {
		String why = "seed " + seed;
		Map<String, JsonNode> byId = new HashMap<>();
		for (JsonNode job : jobs) {
			assertThat(byId.put(job.get("job_id").asString(), job)).as("job listed twice; %s", why).isNull();
		}
		List<Doc> expected = new ArrayList<>();
		int cutOffThatExist = 0;
		for (Submitted s : submitted) {
			if (s.jobId() != null) {
				JsonNode job = byId.get(s.jobId());
				assertThat(job).as("acknowledged job %s lost; %s", s.jobId(), why).isNotNull();
				assertThat(job.get("state").asString()).as("%s: %s", job, why).isEqualTo("succeeded");
				assertThat(job.get("documents").get("total").asInt()).isEqualTo(s.docs().size());
				assertThat(job.get("documents").get("done").asInt()).as("%s; %s", job, why).isEqualTo(s.docs().size());
				expected.addAll(s.docs());
			}
			else if (s.refused()) {
				for (Doc doc : s.docs()) {
					assertThat(documentsWithMarker(http, doc.marker()).keySet().stream()
						.anyMatch(id -> isDocument(http, id, doc))).as("refused (429) but stored: %s; %s", doc.tag(), why)
						.isFalse();
				}
			}
			else {
				// Cut off: all of its documents or none of them.
				List<Boolean> present = new ArrayList<>();
				for (Doc doc : s.docs()) {
					present.add(documentsWithMarker(http, doc.marker()).keySet().stream()
						.anyMatch(id -> isDocument(http, id, doc)));
				}
				assertThat(new HashSet<>(present)).as("a cut-off job is half there: %s; %s", present, why).hasSize(1);
				if (present.getFirst()) {
					cutOffThatExist++;
					expected.addAll(s.docs());
				}
			}
		}
		assertThat(byId).as(why).hasSize((int) submitted.stream().filter(s -> s.jobId() != null).count() + cutOffThatExist);
		long chunks = 0;
		Map<String, List<Doc>> byMarker = new LinkedHashMap<>();
		expected.forEach(doc -> byMarker.computeIfAbsent(doc.marker(), k -> new ArrayList<>()).add(doc));
		for (Map.Entry<String, List<Doc>> group : byMarker.entrySet()) {
			// A marker names one JSON document, or the files of one upload: exactly that many documents carry it.
			Map<String, Set<String>> found = documentsWithMarker(http, group.getKey());
			assertThat(found.keySet()).as("documents with marker %s; %s", group.getKey(), why)
				.hasSize(group.getValue().size());
			for (Doc doc : group.getValue()) {
				List<String> ids = found.keySet().stream().filter(id -> isDocument(http, id, doc)).toList();
				assertThat(ids).as("documents holding %s; %s", doc.tag(), why).hasSize(1);
				String id = ids.getFirst();
				if (doc.id() != null) {
					assertThat(id).isEqualTo(doc.id());
				}
				int count = http.get("/documents/" + id).json().get("chunks").asInt();
				assertThat(found.get(id)).as("chunks of %s; %s", id, why).hasSize(count);
				chunks += count;
			}
		}
		JsonNode indexChunks = http.get("/actuator/metrics/rag.index.chunks").json();
		assertThat(indexChunks.get("measurements").get(0).get("value").asDouble()).as("chunks in the index; %s", why)
			.isEqualTo((double) chunks);
	}

	/**
	 * Whether the stored document {@code id} is {@code doc}: the same text for JSON; for a file, text read from it
	 * that opens with the document's tag (extraction changes line breaks, not the words).
	 */
	private static boolean isDocument(RagwellHttp http, String id, Doc doc) {
		String content = http.get("/documents/" + id).json().get("content").asString();
		if (doc.file() == null) {
			return content.equals(doc.content());
		}
		return content.replaceAll("\\s+", " ").contains(doc.content().replaceAll("\\s+", " "));
	}

	/** Chunk ids by document id of the chunks carrying {@code doc}'s marker. */
	private static Map<String, Set<String>> documentsWithMarker(RagwellHttp http, String marker) {
		RagwellHttp.Response response = http.post("/search",
				Map.of("query", marker, "mode", "dense", "top_k", 50, "filters", Map.of("marker", marker)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Map<String, Set<String>> found = new HashMap<>();
		for (JsonNode result : response.json().get("results")) {
			JsonNode chunk = result.get("chunk");
			found.computeIfAbsent(chunk.get("document_id").asString(), k -> new HashSet<>()).add(chunk.get("id").asString());
		}
		return found;
	}

	record Server(Process process, RagwellHttp http) {
	}

	private Server start(int cycle) throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = this.dir.resolve("server-" + cycle + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
				RagwellApplication.class.getName(), "--server.port=" + port,
				"--ragwell.store.lucene.path=" + this.dir.resolve("index"),
				"--ragwell.jobs.path=" + this.dir.resolve("jobs"),
				"--ragwell.feedback.path=" + this.dir.resolve("feedback").resolve("feedback.jsonl"),
				"--ragwell.query-log.path=" + this.dir.resolve("query-log"),
				"--ragwell.embedding.model=all-minilm-l6-v2-q", "--ragwell.cache.enabled=false",
				"--logging.structured.format.console=")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.processes.add(process);
		RagwellHttp http = new RagwellHttp(port);
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (true) {
			assertThat(process.isAlive()).as("server exited during startup:%n%s", tail(log)).isTrue();
			try {
				if (http.get("/actuator/health/readiness").status() == 200) {
					return new Server(process, http);
				}
			}
			catch (RuntimeException notYet) {
				// Not listening yet.
			}
			assertThat(System.nanoTime()).as("server not ready in 3 minutes:%n%s", tail(log)).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
