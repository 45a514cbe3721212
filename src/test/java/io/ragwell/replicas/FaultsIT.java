package io.ragwell.replicas;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.RagwellApplication;
import io.ragwell.support.OpenSearchServer;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults with real processes: an OpenSearch server killed with -9 and restarted under a query and an ingest
 * load, and a Ragwell replica (a separate JVM running {@code target/ragwell.jar}) killed with -9 in the middle
 * of a bulk ingest. The first uses its own OpenSearch instance ({@code RAGWELL_OPENSEARCH_INSTANCE=faults} of
 * {@code .ci/opensearch}, port 9298), so other tests' server is never disturbed; it is stopped at the end.
 * Prints how long each phase took, since the OpenSearch restarts dominate this test's cost.
 */
class FaultsIT {

	private static final int FAULTS_PORT = 9298;

	private static final Duration NO_HANG = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	// ----------------------------------------------------------------------------------- OpenSearch killed

	/** One request of the load and what came back. */
	private record Outcome(String kind, int status, boolean retryAfter, long millis, long at) {
	}

	@Test
	void whileOpenSearchIsKilledQueriesGet503WithRetryAfterAcknowledgedIngestsSurviveAndTheServiceRecoversByItself()
			throws Exception {
		OpenSearchServer.url(); // skipped without OpenSearch (failed under CI)
		long phase = System.nanoTime();
		openSearch(""); // starts the second instance, or finds it running
		System.out.printf("FaultsIT: second OpenSearch up in %.1f s%n", seconds(phase));
		String index = OpenSearchServer.uniqueIndex("ragwell-faults");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RagwellApplication.class)
			.properties("server.port=0", "ragwell.store.type=opensearch",
					"ragwell.store.opensearch.url=http://127.0.0.1:" + FAULTS_PORT,
					"ragwell.store.opensearch.index=" + index,
					"ragwell.store.lucene.path=" + this.dir.resolve("index"),
					"ragwell.feedback.path=" + this.dir.resolve("feedback.jsonl"),
					"ragwell.query-log.path=" + this.dir.resolve("query-log"))
			.run();
		try (context; ExecutorService load = Executors.newFixedThreadPool(3)) {
			RagwellHttp http = new RagwellHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			assertThat(http.post("/documents", Map.of("id", "seed", "content",
					"Basalt columns form as thick lava flows cool and contract into hexagonal joints.")).status())
				.isEqualTo(200);
			List<Outcome> outcomes = new CopyOnWriteArrayList<>();
			Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
			AtomicBoolean running = new AtomicBoolean(true);
			long start = System.nanoTime();
			List<Future<?>> threads = new ArrayList<>();
			AtomicInteger queries = new AtomicInteger();
			for (int t = 0; t < 2; t++) {
				threads.add(load.submit(() -> {
					while (running.get()) {
						// Distinct queries, so a cached answer never hides the outage.
						record(outcomes, "query", start, () -> http.post("/search",
								Map.of("query", "basalt columns cooling " + queries.incrementAndGet(), "top_k", 3)));
						pause(100);
					}
				}));
			}
			threads.add(load.submit(() -> {
				for (int n = 0; running.get(); n++) {
					String id = "fault-" + n;
					String marker = "zq" + n + "x";
					RagwellHttp.Response response = record(outcomes, "ingest", start, () -> http.post("/documents",
							Map.of("id", id, "content", "Marker " + marker + ": obsidian is volcanic glass that cooled"
									+ " too fast for crystals to grow.")));
					if (response != null && response.status() == 200) {
						acknowledged.put(id, true);
					}
					pause(150);
				}
			}));
			long killedAt;
			long upAt;
			long recoveredAt = 0;
			double restart;
			try {
				pause(3000);
				killedAt = System.nanoTime();
				killOpenSearch();
				pause(5000);
				phase = System.nanoTime();
				openSearch("");
				restart = seconds(phase);
				upAt = System.nanoTime();
				// Recovered by itself: both a query and an ingest succeed again, with no restart of the service.
				while (recoveredAt == 0 && System.nanoTime() - upAt < Duration.ofSeconds(90).toNanos()) {
					pause(500);
					long since = upAt - start;
					boolean query = outcomes.stream().anyMatch(o -> o.kind().equals("query") && o.status() == 200 && o.at() > since);
					boolean ingest = outcomes.stream().anyMatch(o -> o.kind().equals("ingest") && o.status() == 200 && o.at() > since);
					if (query && ingest) {
						recoveredAt = System.nanoTime();
					}
				}
			}
			finally {
				// Whatever failed above, the load stops, or closing the executor would wait for ever.
				running.set(false);
			}
			for (Future<?> thread : threads) {
				thread.get(NO_HANG.toSeconds() * 2, TimeUnit.SECONDS);
			}
			long down = killedAt - start;
			List<Outcome> duringOutage = outcomes.stream().filter(o -> o.at() > down + 500_000_000L && o.at() < upAt - start).toList();
			System.out.printf("FaultsIT: OpenSearch restart %.1f s; service recovered %.1f s after it was up; %d requests"
					+ " (%d during the outage: %s)%n", restart, (recoveredAt - upAt) / 1e9, outcomes.size(),
					duringOutage.size(), summary(duringOutage));
			assertThat(recoveredAt).as("the service answered again after OpenSearch came back").isPositive();
			for (Outcome outcome : outcomes) {
				assertThat(outcome.status()).as("%s", outcome).isIn(200, 503);
				if (outcome.status() == 503) {
					assertThat(outcome.retryAfter()).as("503 carries Retry-After: %s", outcome).isTrue();
				}
				assertThat(outcome.millis()).as("no hang: %s", outcome).isLessThan(NO_HANG.toMillis());
			}
			assertThat(duringOutage).as("the load ran through the outage").isNotEmpty();
			assertThat(duringOutage).as("and met it").anyMatch(o -> o.status() == 503);
			assertThat(acknowledged).isNotEmpty();
			for (String id : acknowledged.keySet()) {
				assertThat(http.get("/documents/" + id).status()).as("acknowledged %s is present", id).isEqualTo(200);
				String n = id.substring("fault-".length());
				assertThat(searchIds(http, "zq" + n + "x")).as("acknowledged %s is searchable exactly once", id)
					.containsOnlyOnce(id);
			}
		}
		finally {
			OpenSearchServer.deleteIndexAt("http://127.0.0.1:" + FAULTS_PORT, index);
			openSearch("--stop");
		}
	}

	private static String summary(List<Outcome> outcomes) {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		outcomes.forEach(o -> counts.merge(o.kind() + " " + o.status(), 1, Integer::sum));
		return counts.toString();
	}

	private static List<String> searchIds(RagwellHttp http, String query) {
		RagwellHttp.Response response = http.post("/search", Map.of("query", query, "mode", "sparse", "top_k", 20));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().path("results").forEach(r -> ids.add(r.path("chunk").path("document_id").asString()));
		return ids;
	}

	private static RagwellHttp.@org.jspecify.annotations.Nullable Response record(List<Outcome> outcomes, String kind,
			long start, java.util.function.Supplier<RagwellHttp.Response> call) {
		long began = System.nanoTime();
		RagwellHttp.Response response;
		try {
			response = call.get();
		}
		catch (RuntimeException ex) {
			outcomes.add(new Outcome(kind, -1, false, (System.nanoTime() - began) / 1_000_000, began - start));
			return null;
		}
		outcomes.add(new Outcome(kind, response.status(), response.header("Retry-After") != null,
				(System.nanoTime() - began) / 1_000_000, began - start));
		return response;
	}

	/** Runs {@code .ci/opensearch} for the second instance; blocks until it is healthy (or stopped). */
	private static void openSearch(String argument) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", ".ci/opensearch"));
		if (!argument.isEmpty()) {
			command.add(argument);
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("RAGWELL_OPENSEARCH_INSTANCE", "faults");
		builder.environment().put("RAGWELL_OPENSEARCH_PORT", Integer.toString(FAULTS_PORT));
		builder.environment().put("RAGWELL_OPENSEARCH_TRANSPORT_PORT", Integer.toString(FAULTS_PORT + 100));
		builder.environment().put("RAGWELL_OPENSEARCH_HEAP", "512m");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
	}

	private static void killOpenSearch() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("bash", ".ci/opensearch", "--pid");
		builder.environment().put("RAGWELL_OPENSEARCH_INSTANCE", "faults");
		Process process = builder.start();
		String pid = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor()).isZero();
		Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
		ProcessHandle.of(Long.parseLong(pid)).ifPresent(handle -> handle.onExit().join());
	}

	// ------------------------------------------------------------------------------------- replica killed

	@Test
	void aReplicaKilledMidBulkIngestLosesNoAcknowledgedDocumentAndDuplicatesNone() throws Exception {
		String url = OpenSearchServer.url();
		Path jar = Path.of("target", "ragwell.jar");
		assertThat(jar).as("the packaged service (built in the package phase, before failsafe)").exists();
		String index = OpenSearchServer.uniqueIndex("ragwell-killed");
		Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
		try {
			long phase = System.nanoTime();
			Replica first = Replica.start(jar, url, index, this.dir.resolve("first"));
			System.out.printf("FaultsIT: replica JVM ready in %.1f s%n", seconds(phase));
			AtomicBoolean killed = new AtomicBoolean();
			AtomicInteger batches = new AtomicInteger();
			try (ExecutorService load = Executors.newFixedThreadPool(2)) {
				List<Future<?>> threads = new ArrayList<>();
				for (int t = 0; t < 2; t++) {
					int thread = t;
					threads.add(load.submit(() -> {
						for (int b = 0; !killed.get(); b++) {
							List<Map<String, Object>> documents = new ArrayList<>();
							List<String> ids = new ArrayList<>();
							for (int i = 0; i < 4; i++) {
								String id = "bulk-" + thread + "-" + b + "-" + i;
								ids.add(id);
								documents.add(Map.of("id", id, "content", "Token kq" + thread + "y" + b + "y" + i
										+ "w: pumice floats because gas bubbles froze inside it as the lava cooled."));
							}
							try {
								RagwellHttp.Response response = first.http().post("/documents", Map.of("documents", documents));
								if (response.status() == 200) {
									ids.forEach(id -> acknowledged.put(id, true));
									batches.incrementAndGet();
								}
							}
							catch (RuntimeException ex) {
								return; // the replica is gone
							}
						}
					}));
				}
				while (batches.get() < 6) {
					pause(50);
				}
				killed.set(true);
				first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no graceful drain
				first.process().waitFor();
				for (Future<?> thread : threads) {
					thread.get(60, TimeUnit.SECONDS);
				}
			}
			phase = System.nanoTime();
			Replica second = Replica.start(jar, url, index, this.dir.resolve("second"));
			System.out.printf("FaultsIT: replacement replica ready in %.1f s; %d acknowledged documents%n",
					seconds(phase), acknowledged.size());
			try {
				assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(24);
				for (String id : acknowledged.keySet()) {
					assertThat(second.http().get("/documents/" + id).status()).as("acknowledged %s", id).isEqualTo(200);
					String token = "kq" + id.substring("bulk-".length()).replace('-', 'y') + "w";
					assertThat(searchIds(second.http(), token)).as("acknowledged %s searchable exactly once", id)
						.containsOnlyOnce(id);
				}
			}
			finally {
				second.process().destroy();
				second.process().waitFor(30, TimeUnit.SECONDS);
			}
		}
		finally {
			OpenSearchServer.deleteIndex(index);
		}
	}

	/** A Ragwell JVM started from the packaged jar. */
	private record Replica(Process process, RagwellHttp http) {

		static Replica start(Path jar, String openSearch, String index, Path dir) throws Exception {
			Files.createDirectories(dir);
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			String java = ProcessHandle.current().info().command().orElse("java");
			Process process = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx768m", "-jar",
					jar.toString(), "--server.port=" + port, "--ragwell.store.type=opensearch",
					"--ragwell.store.opensearch.url=" + openSearch, "--ragwell.store.opensearch.index=" + index,
					"--ragwell.store.lucene.path=" + dir.resolve("index"),
					"--ragwell.feedback.path=" + dir.resolve("feedback.jsonl"),
					"--ragwell.query-log.path=" + dir.resolve("query-log"))
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("replica.log").toFile())
				.start();
			HttpClient client = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
			while (System.nanoTime() < deadline) {
				assertThat(process.isAlive()).as("replica exited; see %s", dir.resolve("replica.log")).isTrue();
				try {
					HttpResponse<Void> ready = client.send(
							HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
								.timeout(Duration.ofSeconds(5))
								.build(),
							HttpResponse.BodyHandlers.discarding());
					if (ready.statusCode() == 200) {
						return new Replica(process, new RagwellHttp(port));
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				pause(500);
			}
			process.destroyForcibly();
			throw new AssertionError("replica not ready within 8 minutes; see " + dir.resolve("replica.log"));
		}

	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
