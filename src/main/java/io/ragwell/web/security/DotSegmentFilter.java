package io.ragwell.web.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.ragwell.core.InvalidRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses, with 400, a path holding a malformed percent escape ({@code %} not followed by two hex digits, in a
 * segment or a {@code ;} parameter): Spring MVC decodes path parameters before any handler is chosen and throws on
 * such an escape, which would otherwise surface as a 500 for what is the client's mistake.
 *
 * <p>Also refuses, with 400, a path holding a dot segment ({@code .} or {@code ..}, plain or percent-encoded). Tomcat
 * resolves them for the servlet path while Spring MVC matches the raw path without resolving them, so such a
 * path names two different resources at once; and the actuator's health endpoint answers 500 to them. No client
 * of this API needs one. (Scopes do not depend on this: they are checked on the handler that was chosen.)
 */
final class DotSegmentFilter extends OncePerRequestFilter {

	/** The same shape as every other 400 (see ProblemDetailsAdvice); constant, so nothing of the path echoes. */
	private static final String MALFORMED_ESCAPE_PROBLEM = "{\"type\":\"urn:ragwell:problem:invalid-path\","
			+ "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"the path holds a malformed percent escape:"
			+ " every '%' must be followed by two hex digits\"}";

	/** Each round strips one level of percent-encoding; 4 covers any real double or triple encoding. */
	private static final int MAX_DECODING_ROUNDS = 4;

	private final HandlerExceptionResolver resolver;

	DotSegmentFilter(HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hasMalformedEscape(request.getRequestURI())) {
			// Written here, not through the MVC resolvers: they decode the path (for the problem's instance) and
			// would throw on the very escape being reported.
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(MALFORMED_ESCAPE_PROBLEM);
			return;
		}
		if (hasDotSegment(request.getRequestURI())) {
			this.resolver.resolveException(request, response, null, new InvalidRequestException("invalid-path", null,
					"the path must not contain '.' or '..' segments; send the path they lead to instead"));
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean hasMalformedEscape(String requestUri) {
		for (int i = requestUri.indexOf('%'); i >= 0; i = requestUri.indexOf('%', i + 1)) {
			if (i + 2 >= requestUri.length() || !HexFormat.isHexDigit(requestUri.charAt(i + 1))
					|| !HexFormat.isHexDigit(requestUri.charAt(i + 2))) {
				return true;
			}
		}
		return false;
	}

	static boolean hasDotSegment(String requestUri) {
		for (String segment : requestUri.split("/", -1)) {
			int parameters = segment.indexOf(';');
			String name = (parameters >= 0) ? segment.substring(0, parameters) : segment;
			// Decoded as often as it still changes (a bounded number of times): some layers decode a captured path
			// variable again (the actuator's health endpoint does), so "%252E." reaches them as "..".
			for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
				if (name.equals(".") || name.equals("..")) {
					return true;
				}
				if (name.indexOf('%') < 0) {
					break;
				}
				try {
					name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					// A malformed escape at this depth: not a dot segment (at the top level, hasMalformedEscape
					// has already refused it).
					break;
				}
			}
		}
		return false;
	}

}
