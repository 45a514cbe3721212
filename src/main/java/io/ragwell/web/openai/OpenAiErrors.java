package io.ragwell.web.openai;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Errors under {@code /v1/} in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, so an
 * OpenAI SDK raises its usual exception (a 401 becomes {@code AuthenticationError}). Every error there is first
 * the problem detail the rest of the API answers (by the key filter, the scope check, validation, the pipeline),
 * with its status and headers ({@code WWW-Authenticate}, {@code Retry-After}); this advice rewrites only the body,
 * on its way out. A request counts as OpenAI's by its path, since errors of the key filter and of unknown paths
 * have no handler to tell by.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors implements ResponseBodyAdvice<Object> {

	private final JsonMapper json;

	OpenAiErrors(JsonMapper json) {
		this.json = json;
	}

	/** Refusals in OpenAI's own terms, from the endpoint itself. */
	@ExceptionHandler(OpenAiException.class)
	ResponseEntity<ObjectNode> refused(OpenAiException ex) {
		return ResponseEntity.status(ex.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(error(this.json, String.valueOf(ex.getMessage()), ex.type(), ex.param(), ex.code()));
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (!(body instanceof ProblemDetail problem) || !(request instanceof ServletServerHttpRequest servlet)
				|| !isOpenAi(servlet.getServletRequest())) {
			return body;
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return fromProblem(this.json, problem);
	}

	/** Whether the request is for the OpenAI-compatible API: its decoded, normalised path is under {@code /v1}. */
	static boolean isOpenAi(HttpServletRequest request) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		String lower = path.toLowerCase(Locale.ROOT);
		return lower.equals("/v1") || lower.startsWith("/v1/");
	}

	/**
	 * OpenAI's error object for a problem detail: the detail as the message, the type from the status as OpenAI
	 * uses them, the offending field as {@code param}, the problem type as {@code code} (401 says
	 * {@code invalid_api_key}, as OpenAI does).
	 */
	static ObjectNode fromProblem(JsonMapper json, ProblemDetail problem) {
		int status = problem.getStatus();
		String slug = (problem.getType() != null) ? problem.getType().toString() : "";
		slug = slug.substring(slug.lastIndexOf(':') + 1).replace('-', '_');
		String type = switch (status) {
			case 401 -> "invalid_request_error";
			case 403 -> "permission_error";
			case 429 -> "rate_limit_error";
			default -> (status >= 500) ? "server_error" : "invalid_request_error";
		};
		String code = (status == 401) ? "invalid_api_key" : (status == 429) ? "rate_limit_exceeded" : slug;
		String message = (problem.getDetail() != null) ? problem.getDetail()
				: (problem.getTitle() != null) ? problem.getTitle() : "HTTP " + status;
		return error(json, message, type, param(problem), code.isEmpty() ? null : code);
	}

	/** The field named in the problem's {@code errors}; the question is the messages' last one. */
	private static @Nullable String param(ProblemDetail problem) {
		Map<String, Object> properties = problem.getProperties();
		if (properties != null && properties.get("errors") instanceof List<?> errors && !errors.isEmpty()
				&& errors.get(0) instanceof Map<?, ?> first && first.get("field") instanceof String field) {
			return field.equals("query") ? "messages" : field;
		}
		return null;
	}

	static ObjectNode error(JsonMapper json, String message, String type, @Nullable String param,
			@Nullable String code) {
		ObjectNode root = json.createObjectNode();
		ObjectNode error = root.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.put("param", param);
		error.put("code", code);
		return root;
	}

}
