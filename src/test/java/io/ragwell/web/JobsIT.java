package io.ragwell.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /documents?mode=async} and {@code /jobs} on the real application (model, index, spool), with the
 * keys of TenantSecurityIT, whose context it shares: two tenants, a reader, an admin.
 */
@RagwellIntegrationTest(properties = {
		"ragwell.security.api-keys[0].key=tenant-a-key-0123456789", "ragwell.security.api-keys[0].name=a",
		"ragwell.security.api-keys[0].scopes=read,write", "ragwell.security.api-keys[0].namespace=tenant-a",
		"ragwell.security.api-keys[1].key=tenant-b-key-0123456789", "ragwell.security.api-keys[1].name=b",
		"ragwell.security.api-keys[1].scopes=read,write", "ragwell.security.api-keys[1].namespace=tenant-b",
		"ragwell.security.api-keys[2].key=reader-a-key-0123456789", "ragwell.security.api-keys[2].name=reader",
		"ragwell.security.api-keys[2].scopes=read", "ragwell.security.api-keys[2].namespace=tenant-a",
		"ragwell.security.api-keys[3].key=admin-key-000000000000", "ragwell.security.api-keys[3].name=admin",
		"ragwell.security.api-keys[3].scopes=read,write,admin" })
class JobsIT {

	private static final String KEY_A = "tenant-a-key-0123456789";

	private static final String KEY_B = "tenant-b-key-0123456789";

	private static final String READER_A = "reader-a-key-0123456789";

	private static final String ADMIN = "admin-key-000000000000";

	@LocalServerPort
	int port;

	private RagwellHttp.Response send(String method, String path, String key, Object body) {
		String json = (body == null) ? null : (body instanceof String s) ? s : RagwellHttp.JSON.writeValueAsString(body);
		return new RagwellHttp(this.port).send(method, path, json,
				Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
	}

	private JsonNode awaitFinished(String statusUrl, String key) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (true) {
			RagwellHttp.Response status = send("GET", statusUrl, key, null);
			assertThat(status.status()).as(status.body()).isEqualTo(200);
			String state = status.json().get("state").asString();
			if (List.of("succeeded", "failed", "cancelled").contains(state)) {
				return status.json();
			}
			assertThat(System.nanoTime()).as("job still %s: %s", state, status.body()).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static Map<String, Object> documents(String... idsAndContents) {
		List<Map<String, Object>> docs = new ArrayList<>();
		for (int i = 0; i < idsAndContents.length; i += 2) {
			docs.add(Map.of("id", idsAndContents[i], "content", idsAndContents[i + 1], "metadata", Map.of("job", "it")));
		}
		return Map.of("documents", docs);
	}

	@Test
	void anAsyncIngestIsAcceptedWith202AndItsJobMakesTheDocumentsSearchable() throws Exception {
		RagwellHttp.Response accepted = send("POST", "/documents?mode=async", KEY_A,
				documents("job-volcano", "Volcanic eruptions release ash and sulphur dioxide into the stratosphere.",
						"job-glacier", "Glaciers carve U-shaped valleys as they slowly flow downhill."));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String jobId = accepted.json().get("job_id").asString();
		String statusUrl = accepted.json().get("status_url").asString();
		assertThat(statusUrl).isEqualTo("/jobs/" + jobId);
		assertThat(accepted.header("Location")).endsWith("/jobs/" + jobId);

		JsonNode job = awaitFinished(statusUrl, KEY_A);
		assertThat(job.get("state").asString()).isEqualTo("succeeded");
		assertThat(job.get("documents").get("total").asInt()).isEqualTo(2);
		assertThat(job.get("documents").get("done").asInt()).isEqualTo(2);
		assertThat(job.get("documents").get("failed").asInt()).isZero();
		assertThat(job.get("chunks").get("total").asInt()).isEqualTo(2);
		assertThat(job.get("chunks").get("embedded").asInt()).isEqualTo(2);
		assertThat(job.get("errors").size()).isZero();
		assertThat(job.has("created_at") && job.has("started_at") && job.has("finished_at")).isTrue();

		RagwellHttp.Response search = send("POST", "/search", KEY_A,
				Map.of("query", "how do glaciers shape valleys", "filters", Map.of("job", "it")));
		assertThat(search.json().get("results").get(0).get("chunk").get("document_id").asString())
			.isEqualTo("job-glacier");

		// The same documents again, as a resumed job replays documents it wrote but had not logged: unchanged,
		// nothing embedded.
		JsonNode again = awaitFinished(send("POST", "/documents?mode=async", KEY_A,
				documents("job-volcano", "Volcanic eruptions release ash and sulphur dioxide into the stratosphere.",
						"job-glacier", "Glaciers carve U-shaped valleys as they slowly flow downhill."))
			.json()
			.get("status_url")
			.asString(), KEY_A);
		assertThat(again.get("state").asString()).isEqualTo("succeeded");
		assertThat(again.get("chunks").get("total").asInt()).isEqualTo(2);
		assertThat(again.get("chunks").get("embedded").asInt()).isZero();

		JsonNode listed = send("GET", "/jobs?state=succeeded", KEY_A, null).json().get("jobs");
		List<String> ids = new ArrayList<>();
		listed.forEach(j -> ids.add(j.get("job_id").asString()));
		assertThat(ids).contains(jobId);
	}

	@Test
	void aDocumentIdGeneratedForAnAsyncJobIsFixedAtAcceptance() throws Exception {
		RagwellHttp.Response accepted = send("POST", "/documents?mode=async", KEY_A,
				Map.of("content", "A document without an id still gets exactly one, chosen when it is accepted."));
		assertThat(accepted.status()).isEqualTo(202);
		JsonNode job = awaitFinished(accepted.json().get("status_url").asString(), KEY_A);
		assertThat(job.get("documents").get("done").asInt()).isEqualTo(1);
	}

	@Test
	void invalidDocumentsAreRefusedBeforeAnyJobExists() {
		int before = send("GET", "/jobs", KEY_A, null).json().get("jobs").size();
		RagwellHttp.Response refused = send("POST", "/documents?mode=async", KEY_A,
				Map.of("documents", List.of(Map.of("id", "fine-async", "content", "fine"), Map.of("id", "x", "content", " "))));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:ragwell:problem:invalid-request");
		assertThat(refused.body()).contains("documents[1].content");
		RagwellHttp.Response badMode = send("POST", "/documents?mode=later", KEY_A, Map.of("content", "x"));
		assertThat(badMode.status()).isEqualTo(400);
		assertThat(badMode.body()).contains("'mode' must be sync or async");
		assertThat(send("GET", "/jobs?state=done", KEY_A, null).status()).isEqualTo(400);
		assertThat(send("GET", "/jobs", KEY_A, null).json().get("jobs").size()).isEqualTo(before);
	}

	@Test
	void anotherTenantsJobIsIndistinguishableFromAMissingOne() throws Exception {
		String statusUrl = send("POST", "/documents?mode=async", KEY_B,
				documents("b-private-job", "Tenant B's private notes about the merger."))
			.json()
			.get("status_url")
			.asString();
		awaitFinished(statusUrl, KEY_B);
		String missing = "/jobs/" + java.util.UUID.randomUUID();
		RagwellHttp.Response foreign = send("GET", statusUrl, KEY_A, null);
		RagwellHttp.Response absent = send("GET", missing, KEY_A, null);
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(absent.status()).isEqualTo(404);
		assertThat(foreign.json().get("type")).isEqualTo(absent.json().get("type"));
		assertThat(foreign.json().get("detail").asString().replace(statusUrl.substring(6), "ID"))
			.isEqualTo(absent.json().get("detail").asString().replace(missing.substring(6), "ID"));
		assertThat(send("DELETE", statusUrl, KEY_A, null).status()).isEqualTo(404);
		assertThat(send("GET", "/jobs/not-a-uuid", KEY_A, null).status()).isEqualTo(404);
		JsonNode listed = send("GET", "/jobs", KEY_A, null).json().get("jobs");
		listed.forEach(j -> assertThat(statusUrl).doesNotEndWith(j.get("job_id").asString()));
	}

	@Test
	void readingNeedsReadAndSubmittingOrCancellingNeedsWrite() throws Exception {
		RagwellHttp.Response forbidden = send("POST", "/documents?mode=async", READER_A, documents("r", "text"));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.json().get("type").asString()).isEqualTo("urn:ragwell:problem:forbidden");
		String statusUrl = send("POST", "/documents?mode=async", KEY_A,
				documents("job-scope", "Scopes decide who may do what."))
			.json()
			.get("status_url")
			.asString();
		assertThat(send("GET", statusUrl, READER_A, null).status()).isEqualTo(200);
		assertThat(send("GET", "/jobs", READER_A, null).status()).isEqualTo(200);
		assertThat(send("DELETE", statusUrl, READER_A, null).status()).isEqualTo(403);
		assertThat(new RagwellHttp(this.port).get(statusUrl).status()).isEqualTo(401);
		awaitFinished(statusUrl, KEY_A);
		RagwellHttp.Response conflict = send("DELETE", statusUrl, KEY_A, null);
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.json().get("type").asString()).isEqualTo("urn:ragwell:problem:job-finished");
	}

	@Test
	void filesUploadedAsyncAreStoredThenParsedAndAFileTheServerCannotReadFailsAlone() throws Exception {
		String boundary = "jobs-it-boundary";
		StringBuilder body = new StringBuilder();
		for (String[] part : new String[][] { { "id", "job-file-notes" }, { "id", "job-file-blob" },
				{ "source", "notes/moths.txt" }, { "source", "blob.bin" }, { "metadata", "{\"job\":\"files\"}" } }) {
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(part[0])
				.append("\"\r\n\r\n").append(part[1]).append("\r\n");
		}
		body.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"moths.txt\"\r\nContent-Type: text/plain\r\n\r\n")
			.append("Moths navigate by keeping a bright light at a fixed angle, which traps them around lamps.\r\n");
		body.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob.bin\"\r\n"
					+ "Content-Type: application/octet-stream\r\n\r\n")
			.append("\u0000\u0001\u0002\u0003binary\u0000\r\n");
		body.append("--").append(boundary).append("--\r\n");
		RagwellHttp.Response accepted = new RagwellHttp(this.port).send("POST", "/documents?mode=async", body.toString(),
				Map.of("Authorization", "Bearer " + KEY_A, "Content-Type", "multipart/form-data; boundary=" + boundary));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		JsonNode job = awaitFinished(accepted.json().get("status_url").asString(), KEY_A);
		assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.get("documents").get("done").asInt()).isEqualTo(1);
		assertThat(job.get("documents").get("failed").asInt()).isEqualTo(1);
		JsonNode error = job.get("errors").get(0);
		assertThat(error.get("document_id").asString()).isEqualTo("job-file-blob");
		assertThat(error.get("status").asInt()).isEqualTo(415);
		assertThat(error.get("type").asString()).isEqualTo("unsupported-media-type");
		JsonNode notes = send("GET", "/documents/job-file-notes", KEY_A, null).json();
		assertThat(notes.get("source").asString()).isEqualTo("notes/moths.txt");
		assertThat(notes.get("content").asString()).contains("Moths navigate");
		assertThat(notes.get("metadata").get("job").asString()).isEqualTo("files");
		assertThat(send("GET", "/documents/job-file-blob", KEY_A, null).status()).isEqualTo(404);
	}

	@Test
	void jobMetricsAreExported() throws Exception {
		awaitFinished(send("POST", "/documents?mode=async", KEY_A, documents("job-metric", "Metrics count jobs."))
			.json()
			.get("status_url")
			.asString(), KEY_A);
		String metrics = send("GET", "/actuator/prometheus", ADMIN, null).body();
		assertThat(metrics).containsPattern("rag_jobs\\{[^}]*state=\"succeeded\"[^}]*\\} [1-9]");
		assertThat(metrics).contains("rag_jobs{", "state=\"queued\"");
		assertThat(metrics).containsPattern("rag_jobs_duration_seconds_count\\{[^}]*state=\"succeeded\"[^}]*\\} [1-9]");
	}

}
