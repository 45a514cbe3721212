package io.ragwell.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.DocumentView;
import io.ragwell.ingest.Idempotency;
import io.ragwell.ingest.IngestResult;
import io.ragwell.ingest.IngestService;
import io.ragwell.web.security.Namespaces;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DocumentController {

	private final IngestService ingestService;

	private final Namespaces namespaces;

	private final Idempotency idempotency;

	DocumentController(IngestService ingestService, Namespaces namespaces, Idempotency idempotency) {
		this.ingestService = ingestService;
		this.namespaces = namespaces;
		this.idempotency = idempotency;
	}

	/**
	 * With an {@code Idempotency-Key} header, a retry of the same request (same key, same body, same caller)
	 * returns the first response, marked {@code Idempotent-Replayed: true}, instead of writing again.
	 */
	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> ingest(@RequestBody DocumentInput input,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
			@Nullable Principal caller) {
		String namespace = this.namespaces.current();
		if (idempotencyKey == null) {
			return ResponseEntity.ok(Map.of("documents", this.ingestService.ingest(namespace, input)));
		}
		// Scoped by tenant namespace and API key: one caller's keys are invisible to every other.
		String scope = namespace + '\u0000' + ((caller != null) ? caller.getName() : "");
		Idempotency.Outcome<Map<String, List<IngestResult>>> outcome = this.idempotency.run(scope, idempotencyKey,
				input, () -> Map.of("documents",
						this.ingestService.ingest(namespace, input, Idempotency.idSeed(scope, idempotencyKey))));
		if (outcome.replayed() != null) {
			return ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.header(REPLAYED, "true")
				.body(outcome.replayed());
		}
		return ResponseEntity.ok(outcome.value());
	}

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

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
