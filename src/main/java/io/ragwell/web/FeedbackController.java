package io.ragwell.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.ragwell.core.InvalidRequestException;
import io.ragwell.feedback.Feedback;
import io.ragwell.feedback.FeedbackRequest;
import io.ragwell.feedback.FeedbackService;
import io.ragwell.web.security.Namespaces;
import io.ragwell.web.security.RequiredScope;
import io.ragwell.web.security.SecurityProperties.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

// Web handlers only: the eval and import commands start a context without a web server (and its beans).
@ConditionalOnWebApplication
@RestController
class FeedbackController {

	private final FeedbackService feedback;

	private final Namespaces namespaces;

	FeedbackController(FeedbackService feedback, Namespaces namespaces) {
		this.feedback = feedback;
		this.namespaces = namespaces;
	}

	/** 202: recorded durably, but what it changes happens later (offline evaluation). */
	@RequiredScope(Scope.READ)
	@PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Feedback post(@RequestBody FeedbackRequest request) {
		return this.feedback.record(this.namespaces.current(), request);
	}

	/** Anyone who may query may rate an answer; reading everyone's feedback, comments included, is an operator's export. */
	@RequiredScope(Scope.ADMIN)
	@GetMapping(path = "/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
	List<Feedback> export(@RequestParam(required = false) @Nullable String since) {
		return this.feedback.export(this.namespaces.current(), parseSince(since));
	}

	private static @Nullable Instant parseSince(@Nullable String since) {
		if (since == null || since.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(since.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException("invalid-request", "since",
					"'since' must be an ISO-8601 instant such as 2025-01-31T00:00:00Z, was '" + since + "'");
		}
	}

}
