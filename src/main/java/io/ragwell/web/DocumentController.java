package io.ragwell.web;

import java.net.URI;
import java.util.Map;

import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.DocumentView;
import io.ragwell.ingest.IngestService;
import io.ragwell.ingest.jobs.JobService;
import io.ragwell.ingest.jobs.JobView;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DocumentController {

	private final IngestService ingestService;

	private final JobService jobService;

	private final Namespaces namespaces;

	DocumentController(IngestService ingestService, JobService jobService, Namespaces namespaces) {
		this.ingestService = ingestService;
		this.jobService = jobService;
		this.namespaces = namespaces;
	}

	/**
	 * {@code mode=sync} (the default) answers once the documents are searchable; {@code mode=async} answers 202
	 * once they are on disk, and a background job ingests them ({@code Location: /jobs/{id}}).
	 */
	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> ingest(@RequestBody DocumentInput input, @RequestParam(required = false) @Nullable String mode) {
		if (IngestMode.parse(mode) == IngestMode.ASYNC) {
			return accepted(this.jobService.submit(this.namespaces.current(), input));
		}
		return ResponseEntity.ok(Map.of("documents", this.ingestService.ingest(this.namespaces.current(), input)));
	}

	static ResponseEntity<Map<String, String>> accepted(JobView job) {
		String statusUrl = "/jobs/" + job.jobId();
		return ResponseEntity.accepted()
			.location(URI.create(statusUrl))
			.body(Map.of("job_id", job.jobId(), "status_url", statusUrl, "state", job.state()));
	}

	@RequiredScope(Scope.READ)
	@GetMapping(path = "/documents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	DocumentView get(@PathVariable String id) {
		return this.ingestService.get(this.namespaces.current(), id);
	}

	@RequiredScope(Scope.WRITE)
	@DeleteMapping("/documents/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.ingestService.delete(this.namespaces.current(), id);
		return ResponseEntity.noContent().build();
	}

}
