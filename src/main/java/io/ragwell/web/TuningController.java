package io.ragwell.web;

import io.ragwell.tuning.TuningReport;
import io.ragwell.tuning.TuningService;
import io.ragwell.tuning.TuningView;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /tuning}: the caller's namespace's retrieval settings tuned from its feedback (admin scope: they change
 * every answer in the namespace).
 */
// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class TuningController {

	private final TuningService tuning;

	private final Namespaces namespaces;

	TuningController(TuningService tuning, Namespaces namespaces) {
		this.tuning = tuning;
		this.namespaces = namespaces;
	}

	/** Runs the search; the body is optional ({@code {"dry_run": true}} searches without applying). */
	@RequiredScope(Scope.ADMIN)
	@PostMapping(path = "/tuning", produces = MediaType.APPLICATION_JSON_VALUE)
	TuningReport tune(@RequestBody(required = false) @Nullable TuningRequest request) {
		boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
		return this.tuning.tune(this.namespaces.current(), dryRun);
	}

	@RequiredScope(Scope.ADMIN)
	@GetMapping(path = "/tuning", produces = MediaType.APPLICATION_JSON_VALUE)
	TuningView view() {
		return this.tuning.view(this.namespaces.current());
	}

	/** Back to the settings the tuned ones replaced; 404 when nothing is tuned. */
	@RequiredScope(Scope.ADMIN)
	@DeleteMapping(path = "/tuning", produces = MediaType.APPLICATION_JSON_VALUE)
	TuningView revert() {
		return this.tuning.revert(this.namespaces.current());
	}

	/** @param dryRun search and report without applying */
	record TuningRequest(@Nullable Boolean dryRun) {
	}

}
