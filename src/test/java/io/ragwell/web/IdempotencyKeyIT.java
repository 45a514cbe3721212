package io.ragwell.web;

import java.util.Map;

import io.ragwell.support.RagwellHttp;
import io.ragwell.support.RagwellIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on {@code POST /documents} over HTTP, with the embedded store (records in memory):
 * a retry is answered from the record, another body is a 422 problem, and two tenants' identical keys are
 * two keys.
 */
@RagwellIntegrationTest(properties = { "ragwell.security.api-keys[0].key=tenant-a-key-0123456789",
		"ragwell.security.api-keys[0].name=writer-a", "ragwell.security.api-keys[0].scopes=read,write",
		"ragwell.security.api-keys[0].namespace=idem-a", "ragwell.security.api-keys[1].key=tenant-b-key-0123456789",
		"ragwell.security.api-keys[1].name=writer-b", "ragwell.security.api-keys[1].scopes=read,write",
		"ragwell.security.api-keys[1].namespace=idem-b" })
class IdempotencyKeyIT {

	@LocalServerPort
	int port;

	private RagwellHttp.Response post(String apiKey, String idempotencyKey, String body) {
		return post("/documents", apiKey, idempotencyKey, body);
	}

	private RagwellHttp.Response post(String path, String apiKey, String idempotencyKey, String body) {
		return new RagwellHttp(this.port).send("POST", path, body,
				Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/json", "Idempotency-Key",
						idempotencyKey));
	}

	@Test
	void aRetriedPostWithoutAnIdIsAnsweredFromTheFirstAndCreatesOneDocument() {
		String body = "{\"content\":\"Lichens are a partnership of a fungus and an alga or cyanobacterium.\"}";
		RagwellHttp.Response first = post("tenant-a-key-0123456789", "retry-1", body);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		String id = first.json().path("documents").get(0).path("id").asString();

		RagwellHttp.Response retry = post("tenant-a-key-0123456789", "retry-1", body);
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json()).isEqualTo(first.json());

		RagwellHttp.Response search = new RagwellHttp(this.port).send("POST", "/search",
				"{\"query\":\"fungus and alga partnership\",\"mode\":\"sparse\"}",
				Map.of("Authorization", "Bearer tenant-a-key-0123456789", "Content-Type", "application/json"));
		assertThat(search.json().path("results")).hasSize(1);
		assertThat(search.json().path("results").get(0).path("chunk").path("document_id").asString()).isEqualTo(id);

		RagwellHttp.Response reused = post("tenant-a-key-0123456789", "retry-1",
				"{\"content\":\"A different document entirely.\"}");
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.contentType()).startsWith("application/problem+json");
		assertThat(reused.json().path("type").asString()).endsWith("idempotency-key-reused");
	}

	@Test
	void anotherTenantsSameKeyIsItsOwnKey() {
		String body = "{\"content\":\"Mosses have no roots; rhizoids anchor them to rock and bark.\"}";
		RagwellHttp.Response a = post("tenant-a-key-0123456789", "shared-key", body);
		RagwellHttp.Response b = post("tenant-b-key-0123456789", "shared-key", body);
		assertThat(a.status()).isEqualTo(200);
		assertThat(b.status()).isEqualTo(200);
		assertThat(b.header("Idempotent-Replayed")).isNull();
		// Each tenant's write happened in its own namespace, under an id the other cannot derive.
		assertThat(b.json().path("documents").get(0).path("status").asString()).isEqualTo("created");
		assertThat(b.json().path("documents").get(0).path("id").asString())
			.isNotEqualTo(a.json().path("documents").get(0).path("id").asString());
	}

	@Test
	void aMalformedKeyIsABadRequest() {
		RagwellHttp.Response response = post("tenant-a-key-0123456789", "x".repeat(300), "{\"content\":\"text\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aRetriedAsyncSubmissionIsTheSameJobAndTheKeyCannotBeReusedSynchronously() {
		String body = "{\"id\":\"ferns\",\"content\":\"Ferns reproduce by spores released from sori.\"}";
		RagwellHttp.Response first = post("/documents?mode=async", "tenant-a-key-0123456789", "async-1", body);
		assertThat(first.status()).as(first.body()).isEqualTo(202);
		String jobId = first.json().path("job_id").asString();
		assertThat(first.header("Location")).isEqualTo("/jobs/" + jobId);

		RagwellHttp.Response retry = post("/documents?mode=async", "tenant-a-key-0123456789", "async-1", body);
		assertThat(retry.status()).isEqualTo(202);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.json().path("job_id").asString()).isEqualTo(jobId);
		assertThat(retry.header("Location")).isEqualTo("/jobs/" + jobId);

		// One job was accepted, not two.
		RagwellHttp.Response jobs = new RagwellHttp(this.port).send("GET", "/jobs", null,
				Map.of("Authorization", "Bearer tenant-a-key-0123456789"));
		assertThat(jobs.status()).isEqualTo(200);
		assertThat(jobs.body().split("\"job_id\"", -1)).hasSize(2);

		// The same key and body sent synchronously is another request: refused, nothing written twice.
		RagwellHttp.Response sync = post("tenant-a-key-0123456789", "async-1", body);
		assertThat(sync.status()).isEqualTo(422);
	}

}
