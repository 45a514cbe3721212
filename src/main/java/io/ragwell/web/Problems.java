package io.ragwell.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * The problem detail the REST API answers for an exception, for handlers that report errors inside a response
 * of their own instead of through the HTTP status (MCP tool errors). It asks {@link ProblemDetailsAdvice}'s own
 * exception handlers, chosen the way Spring MVC chooses them, so a tool error carries the same type, title,
 * detail and {@code errors} as the REST call would, and an unexpected error is logged with an id just the same.
 */
@Component
public class Problems {

	private final ProblemDetailsAdvice advice;

	private final ExceptionHandlerMethodResolver handlers = new ExceptionHandlerMethodResolver(
			ProblemDetailsAdvice.class);

	Problems(ProblemDetailsAdvice advice) {
		this.advice = advice;
	}

	/**
	 * @param ex what went wrong; a Jackson error is a request body that did not fit the request type, as when
	 * Spring MVC reads a body
	 * @return the problem detail the REST API would answer
	 */
	public ProblemDetail of(Throwable ex) {
		if (ex instanceof JacksonException) {
			return ProblemDetailsAdvice.unreadableBody();
		}
		Method method = this.handlers.resolveMethodByThrowable(ex);
		if (method != null) {
			Object answer = invoke(method, ex);
			Object body = (answer instanceof ResponseEntity<?> entity) ? entity.getBody() : answer;
			if (body instanceof ProblemDetail problem) {
				return problem;
			}
		}
		// Only a client that hung up has no body; nobody reads this answer either.
		return this.advice.unexpected(new IllegalStateException("no problem detail for an exception", ex));
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

	private Object invoke(Method method, Throwable ex) {
		try {
			method.setAccessible(true);
			return method.invoke(this.advice, ex);
		}
		catch (IllegalAccessException | InvocationTargetException failure) {
			return this.advice.unexpected(new IllegalStateException("problem detail handler failed", failure));
		}
	}

}
