package io.ragwell.web;

import java.util.List;
import java.util.Map;

import io.ragwell.core.DocumentPage;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.DocumentView;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DocumentController {

	private final IngestService ingestService;

	private final Namespaces namespaces;

	DocumentController(IngestService ingestService, Namespaces namespaces) {
		this.ingestService = ingestService;
		this.namespaces = namespaces;
	}

	@RequiredScope(Scope.WRITE)
	@PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, List<IngestResult>> ingest(@RequestBody DocumentInput input) {
		return Map.of("documents", this.ingestService.ingest(this.namespaces.current(), input));
	}

	/** The namespace's documents, a page at a time in id order: {@code next} is the {@code after} of the next page. */
	@RequiredScope(Scope.READ)
	@GetMapping(path = "/documents", produces = MediaType.APPLICATION_JSON_VALUE)
	DocumentPage list(@RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "20") int limit) {
		return this.ingestService.list(this.namespaces.current(), after, limit);
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
