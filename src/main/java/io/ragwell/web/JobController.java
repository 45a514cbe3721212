package io.ragwell.web;

import java.util.List;
import java.util.Map;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.ingest.jobs.JobService;
import io.ragwell.ingest.jobs.JobState;
import io.ragwell.ingest.jobs.JobView;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /jobs}: the background ingestion jobs of the caller's namespace. */
// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class JobController {

	private static final int MAX_LIST = 1000;

	private final JobService jobService;

	private final Namespaces namespaces;

	JobController(JobService jobService, Namespaces namespaces) {
		this.jobService = jobService;
		this.namespaces = namespaces;
	}

	@RequiredScope(Scope.READ)
	@GetMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	JobView get(@PathVariable String id) {
		return this.jobService.get(this.namespaces.current(), id);
	}

	@RequiredScope(Scope.READ)
	@GetMapping(path = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, List<JobView>> list(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable Integer limit) {
		JobState wanted = null;
		if (state != null) {
			wanted = JobState.parse(state);
			if (wanted == null) {
				throw new InvalidRequestException("invalid-request", "state",
						"'state' must be one of queued, running, succeeded, failed, cancelled");
			}
		}
		int max = (limit != null) ? limit : 100;
		if (max < 1 || max > MAX_LIST) {
			throw new InvalidRequestException("invalid-request", "limit", "'limit' must be 1.." + MAX_LIST);
		}
		return Map.of("jobs", this.jobService.list(this.namespaces.current(), wanted, max));
	}

	/** 200 when a queued job is cancelled at once, 202 when a running one stops after its current batch. */
	@RequiredScope(Scope.WRITE)
	@DeleteMapping(path = "/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> cancel(@PathVariable String id) {
		JobView job = this.jobService.cancel(this.namespaces.current(), id);
		return ResponseEntity.status(Boolean.TRUE.equals(job.cancelRequested()) ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.body(job);
	}

}
