package io.ragwell.web;

import io.ragwell.query.QueryResponse;
import io.ragwell.query.RagService;
import io.ragwell.query.SearchResponse;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QueryController {

	private final RagService ragService;

	private final Namespaces namespaces;

	QueryController(RagService ragService, Namespaces namespaces) {
		this.ragService = ragService;
		this.namespaces = namespaces;
	}

	@RequiredScope(Scope.READ)
	@PostMapping(path = "/query", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	QueryResponse query(@RequestBody QueryRequest request) {
		return this.ragService.query(this.namespaces.current(), request);
	}

	@RequiredScope(Scope.READ)
	@PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	SearchResponse search(@RequestBody QueryRequest request) {
		return this.ragService.search(this.namespaces.current(), request);
	}

}
