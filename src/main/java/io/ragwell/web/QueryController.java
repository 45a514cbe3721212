package io.ragwell.web;

import java.util.List;

import io.ragwell.query.QueryResponse;
import io.ragwell.query.RagService;
import io.ragwell.query.RagService.PendingAnswer;
import io.ragwell.query.SearchResponse;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class QueryController {

	private final RagService ragService;

	private static final String STREAM = "/query/stream";

	private final Namespaces namespaces;

	private final AnswerStreamer streamer;

	private final JsonMapper json;

	QueryController(RagService ragService, Namespaces namespaces, AnswerStreamer streamer, JsonMapper json) {
		this.ragService = ragService;
		this.namespaces = namespaces;
		this.streamer = streamer;
		this.json = json;
	}

	@RequiredScope(Scope.READ)
	@PostMapping(path = "/query", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	QueryResponse query(@RequestBody QueryRequest request) {
		return this.ragService.query(this.namespaces.current(), request);
	}

	/**
	 * The answer of {@code /query} as server-sent events, written while it is generated. Everything that can
	 * reject the request (validation, scope, retrieval) happens before the first event, so those failures are
	 * ordinary problem-detail responses; a failure while the answer is written is an {@code error} event.
	 */
	@RequiredScope(Scope.READ)
	@PostMapping(path = STREAM, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void stream(@RequestBody QueryRequest request, HttpServletResponse response) {
		PendingAnswer pending = this.ragService.prepare(this.namespaces.current(), request, List.of());
		this.streamer.stream(pending, new QueryStreamEvents(new SseWriter(response, this.json)), STREAM);
	}

	@RequiredScope(Scope.READ)
	@PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	SearchResponse search(@RequestBody QueryRequest request) {
		return this.ragService.search(this.namespaces.current(), request);
	}

}
