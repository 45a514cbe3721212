package io.ragwell.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The problem detail the REST API answers for an exception, for handlers that report errors inside a response
 * of their own instead of through the HTTP status (MCP tool errors): {@link ProblemDetailsAdvice}'s own mapping,
 * so a tool error carries the same type, title, detail and {@code errors} as the REST call would, and an
 * unexpected error is logged with an id just the same.
 */
@Component
public class Problems {

	private final ProblemDetailsAdvice advice;

	Problems(ProblemDetailsAdvice advice) {
		this.advice = advice;
	}

	/**
	 * @param ex what went wrong; a Jackson error is a request body that did not fit the request type, as when
	 * Spring MVC reads a body
	 * @param instance what the caller called, e.g. {@code /mcp}
	 * @return the problem detail the REST API would answer
	 */
	public ProblemDetail of(Exception ex, String instance) {
		if (ex instanceof JacksonException) {
			ProblemDetail problem = ProblemDetailsAdvice.unreadableBody();
			problem.setInstance(URI.create(instance));
			return problem;
		}
		return this.advice.describe(ex, instance);
	}

	/** The problem detail as JSON members, {@code properties} flattened as Spring MVC writes them. */
	public static Map<String, Object> members(ProblemDetail problem) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", String.valueOf(problem.getType()));
		if (problem.getTitle() != null) {
			members.put("title", problem.getTitle());
		}
		members.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			members.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			members.put("instance", String.valueOf(problem.getInstance()));
		}
		if (problem.getProperties() != null) {
			members.putAll(problem.getProperties());
		}
		return members;
	}

}
