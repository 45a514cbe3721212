package io.ragwell.replicas;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.ragwell.core.Document;
import io.ragwell.support.OpenSearchServer;
import io.ragwell.support.RagwellHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background jobs across replicas, with real processes: two Ragwell JVMs ({@code target/ragwell.jar}) on the real
 * OpenSearch ({@code .ci/opensearch}). A job accepted by one is visible from both; the replica holding its lease is
 * killed with -9 mid-job; the other takes the job over when the lease (4 s here) expires and finishes it. Then
 * every document is present and searchable exactly once, each document's outcome was recorded exactly once, each
 * record's version has exactly the document's chunks, and the chunk counts add up (nothing lost, nothing doubled).
 */
class SharedJobsIT {

	private static final int DOCUMENTS = 96;

	@TempDir
	Path dir;

	@Test
	void aJobWhoseReplicaIsKilledMidwayIsFinishedByTheOtherReplicaWithNothingLostOrDoubled() throws Exception {
		String url = OpenSearchServer.url(); // skipped without OpenSearch (failed under CI)
		Path jar = Path.of("target", "ragwell.jar");
		assertThat(jar).as("the packaged service (built in the package phase, before failsafe)").exists();
		String index = OpenSearchServer.uniqueIndex("ragwell-jobs");
		List<Replica> replicas = new ArrayList<>();
		try {
			long phase = System.nanoTime();
			// Started together: the two JVM starts overlap.
			Replica.Starting a = Replica.launch(jar, url, index, this.dir.resolve("a"));
			Replica.Starting b = Replica.launch(jar, url, index, this.dir.resolve("b"));
			replicas.add(a.awaitReady());
			replicas.add(b.awaitReady());
			System.out.printf("SharedJobsIT: two replica JVMs ready in %.1f s%n", seconds(phase));

			List<Map<String, Object>> documents = new ArrayList<>();
			Random random = new Random(16);
			for (int i = 0; i < DOCUMENTS; i++) {
				documents.add(Map.of("id", "job-doc-" + i, "content", content(random, marker(i))));
			}
			RagwellHttp.Response accepted = replicas.get(0).http().post("/documents?mode=async",
					Map.of("documents", documents));
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
			String job = accepted.json().path("job_id").asString();
			phase = System.nanoTime();

			// Mid-job: some documents recorded, not all; both replicas show the same job.
			JsonNode running = awaitJob(replicas.get(0), job,
					view -> view.path("documents").path("done").asInt() >= 6 || finished(view), Duration.ofMinutes(3));
			assertThat(finished(running)).as("the job ended before a replica could be killed mid-way: %s", running)
				.isFalse();
			assertSameView(replicas, job);
			JsonNode record = jobRecord(index, job);
			String owner = record.path("lease_owner").asString("");
			assertThat(owner).as("lease owner of %s", record).isNotEmpty();
			long ownerPid = Long.parseLong(owner.split("/")[1]);
			Replica holder = replicas.stream().filter(r -> r.process().pid() == ownerPid).findFirst().orElseThrow();
			Replica survivor = replicas.stream().filter(r -> r != holder).findFirst().orElseThrow();
			int doneAtKill = running.path("documents").path("done").asInt();

			holder.process().destroyForcibly(); // SIGKILL: no shutdown hook, the lease is not given back
			holder.process().waitFor();
			System.out.printf("SharedJobsIT: killed the lease holder after %d of %d documents, %.1f s into the job%n",
					doneAtKill, DOCUMENTS, seconds(phase));
			long killed = System.nanoTime();

			JsonNode finished = awaitJob(survivor, job, SharedJobsIT::finished, Duration.ofMinutes(4));
			System.out.printf("SharedJobsIT: the other replica finished the job %.1f s after the kill%n",
					seconds(killed));
			assertThat(finished.path("state").asString()).as(finished.toString()).isEqualTo("succeeded");
			assertThat(finished.path("documents").path("total").asInt()).isEqualTo(DOCUMENTS);
			assertThat(finished.path("documents").path("done").asInt()).isEqualTo(DOCUMENTS);
			assertThat(finished.path("documents").path("failed").asInt()).isZero();

			// The record: ended, no lease, and each document's outcome recorded exactly once.
			record = jobRecord(index, job);
			assertThat(record.path("finished").asBoolean()).isTrue();
			assertThat(record.has("lease_owner")).isFalse();
			Map<Integer, Integer> outcomes = new HashMap<>();
			for (JsonNode event : RagwellHttp.JSON.readTree(record.path("state").asString()).path("events")) {
				if ("document".equals(event.path("event").asString())) {
					outcomes.merge(event.path("index").asInt(), 1, Integer::sum);
				}
			}
			assertThat(outcomes).hasSize(DOCUMENTS).allSatisfy((position, count) -> assertThat(count).isEqualTo(1));

			// Every document present once, one version of its chunks, found by its marker exactly once.
			String namespaceIndex = "/" + index + "-ns-" + Document.DEFAULT_NAMESPACE;
			assertThat(OpenSearchServer.send("POST", namespaceIndex + "/_refresh", "{}").status()).isEqualTo(200);
			long chunks = 0;
			java.util.Set<String> leftovers = new java.util.TreeSet<>();
			for (int i = 0; i < DOCUMENTS; i++) {
				RagwellHttp.Response document = survivor.http().get("/documents/job-doc-" + i);
				assertThat(document.status()).as(document.body()).isEqualTo(200);
				int count = document.json().path("chunks").asInt();
				chunks += count;
				String version = recordVersion(namespaceIndex, "job-doc-" + i);
				JsonNode versions = chunkVersions(namespaceIndex, "job-doc-" + i);
				int current = 0;
				for (JsonNode bucket : versions) {
					if (bucket.path("key").asString().equals(version)) {
						current = bucket.path("doc_count").asInt();
					}
					else {
						leftovers.add("job-doc-" + i);
					}
				}
				assertThat(current).as("chunks of job-doc-%d's version %s: %s", i, version, versions).isEqualTo(count);
				List<String> found = new ArrayList<>();
				survivor.http()
					.post("/search", Map.of("query", marker(i), "mode", "sparse", "top_k", 10))
					.json()
					.path("results")
					.forEach(result -> found.add(result.path("chunk").path("document_id").asString()));
				assertThat(found).as("search for %s", marker(i)).containsOnlyOnce("job-doc-" + i);
			}
			assertThat(finished.path("chunks").path("total").asLong()).isEqualTo(chunks);
			// The killed replica's batch in flight (at most batch-documents = 2 documents) may have left chunks it
			// never committed: never searchable (checked above), swept once older than the store's orphan age.
			System.out.printf("SharedJobsIT: uncommitted chunks of the killed replica's last batch: %s%n", leftovers);
			assertThat(leftovers).hasSizeLessThanOrEqualTo(2);
		}
		finally {
			for (Replica replica : replicas) {
				replica.process().destroyForcibly();
			}
			OpenSearchServer.deleteIndex(index);
		}
	}

	private static boolean finished(JsonNode view) {
		String state = view.path("state").asString();
		return !state.equals("queued") && !state.equals("running");
	}

	/** Both replicas answer GET /jobs/{id} identically (read again while the job moves between the two reads). */
	private static void assertSameView(List<Replica> replicas, String job) throws InterruptedException {
		JsonNode first = null;
		JsonNode second = null;
		for (int attempt = 0; attempt < 20; attempt++) {
			first = replicas.get(0).http().get("/jobs/" + job).json();
			second = replicas.get(1).http().get("/jobs/" + job).json();
			if (first.equals(second)) {
				return;
			}
			Thread.sleep(50);
		}
		assertThat(second).as("GET /jobs/%s from the second replica", job).isEqualTo(first);
	}

	private interface Condition {

		boolean test(JsonNode view);

	}

	private static JsonNode awaitJob(Replica replica, String job, Condition condition, Duration limit)
			throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			RagwellHttp.Response response = replica.http().get("/jobs/" + job);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode view = response.json();
			if (condition.test(view)) {
				return view;
			}
			assertThat(System.nanoTime()).as("job %s still %s after %s", job, view, limit).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static JsonNode jobRecord(String index, String job) {
		OpenSearchServer.Response response = OpenSearchServer.send("GET", "/" + index + "-jobs/_doc/" + job, null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return RagwellHttp.JSON.readTree(response.body()).path("_source");
	}

	/** The version the document's record names. */
	private static String recordVersion(String namespaceIndex, String id) {
		OpenSearchServer.Response response = OpenSearchServer.send("POST", namespaceIndex + "/_search",
				"{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"kind\":\"document\"}},{\"term\":{\"document_id\":\""
						+ id + "\"}}]}}}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode hits = RagwellHttp.JSON.readTree(response.body()).path("hits").path("hits");
		assertThat(hits.size()).as("records of %s", id).isEqualTo(1);
		return hits.get(0).path("_source").path("version").asString();
	}

	/** The versions of a document's chunks, with how many chunks each has. */
	private static JsonNode chunkVersions(String namespaceIndex, String id) {
		OpenSearchServer.Response response = OpenSearchServer.send("POST", namespaceIndex + "/_search",
				"{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"kind\":\"chunk\"}},{\"term\":{\"document_id\":\""
						+ id + "\"}}]}},\"aggs\":{\"versions\":{\"terms\":{\"field\":\"version\",\"size\":10}}}}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return RagwellHttp.JSON.readTree(response.body()).path("aggregations").path("versions").path("buckets");
	}

	private static String marker(int i) {
		return "jobmark" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + "x";
	}

	private static final String[] WORDS = { "river", "basalt", "orbit", "enzyme", "harbour", "lichen", "quartz",
			"tundra", "pollen", "glacier", "plasma", "cobalt", "delta", "falcon", "meadow", "nebula" };

	/** About 120 words, the marker once, in the first sentence: one or two chunks. */
	private static String content(Random random, String marker) {
		StringBuilder text = new StringBuilder("Record ").append(marker).append(':');
		for (int i = 0; i < 120; i++) {
			text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
			if (i % 12 == 11) {
				text.append('.');
			}
		}
		return text.append('.').toString();
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	/** A Ragwell JVM started from the packaged jar, with its own job path, jobs shared through OpenSearch. */
	private record Replica(Process process, RagwellHttp http) {

		record Starting(Process process, int port, Path dir) {

			Replica awaitReady() throws InterruptedException {
				HttpClient client = HttpClient.newHttpClient();
				long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
				while (System.nanoTime() < deadline) {
					assertThat(this.process.isAlive()).as("replica exited; see %s", this.dir.resolve("replica.log"))
						.isTrue();
					try {
						HttpResponse<Void> ready = client.send(HttpRequest
							.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
							.timeout(Duration.ofSeconds(5))
							.build(), HttpResponse.BodyHandlers.discarding());
						if (ready.statusCode() == 200) {
							return new Replica(this.process, new RagwellHttp(this.port));
						}
					}
					catch (IOException ex) {
						// not listening yet
					}
					Thread.sleep(300);
				}
				this.process.destroyForcibly();
				throw new AssertionError("replica not ready within 8 minutes; see " + this.dir.resolve("replica.log"));
			}

		}

		static Starting launch(Path jar, String openSearch, String index, Path dir) throws IOException {
			Files.createDirectories(dir);
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx640m",
					"-jar", jar.toString()));
			Map<String, String> arguments = new LinkedHashMap<>();
			arguments.put("server.port", Integer.toString(port));
			arguments.put("ragwell.store.type", "opensearch");
			arguments.put("ragwell.store.opensearch.url", openSearch);
			arguments.put("ragwell.store.opensearch.index", index);
			arguments.put("ragwell.store.lucene.path", dir.resolve("index").toString());
			arguments.put("ragwell.feedback.path", dir.resolve("feedback.jsonl").toString());
			arguments.put("ragwell.jobs.path", dir.resolve("jobs").toString());
			// A short lease, so the takeover comes 4 s after the kill; small batches, so the kill lands mid-job.
			arguments.put("ragwell.jobs.lease", "4s");
			arguments.put("ragwell.jobs.batch-documents", "2");
			arguments.forEach((name, value) -> command.add("--" + name + "=" + value));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolve("replica.log").toFile())
				.start();
			return new Starting(process, port, dir);
		}

	}

}
