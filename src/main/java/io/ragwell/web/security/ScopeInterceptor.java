package io.ragwell.web.security;

import java.util.Locale;

import io.ragwell.web.security.HandlerAccess.Anonymous;
import io.ragwell.web.security.HandlerAccess.Scoped;
import io.ragwell.web.security.HandlerAccess.Undeclared;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Checks the caller's scope against the handler the dispatcher chose, after routing and before the handler
 * runs. Registered as a mapped interceptor, so every handler mapping applies it, the actuator's included.
 * Deciding on the handler rather than on the request path means no encoding, {@code ;} parameter, slash, case
 * or dot segment can reach a handler with less than its scope. Rejections are thrown to the exception
 * resolvers and rendered as problem details like any other error.
 */
final class ScopeInterceptor implements HandlerInterceptor {

	private final HandlerScopes scopes;

	ScopeInterceptor(HandlerScopes scopes) {
		this.scopes = scopes;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
		switch (this.scopes.access(handler)) {
			case Anonymous anonymous -> {
				return true;
			}
			case Undeclared undeclared -> throw new AccessDeniedException(
					"this endpoint declares no scope, so no key may call it (" + endpoint(request) + ")");
			case Scoped(var scope) -> {
				String name = scope.name().toLowerCase(Locale.ROOT);
				if (caller == null) {
					throw new AuthenticationException("an API key with the '" + name + "' scope is required: send "
							+ "'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
				}
				if (!caller.scopes().contains(scope)) {
					throw new AccessDeniedException(
							"this key lacks the '" + name + "' scope needed for " + endpoint(request));
				}
				return true;
			}
		}
	}

	/** The matched route, not the raw path: the raw path is the caller's text and may be any spelling. */
	private static String endpoint(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return request.getMethod() + " " + ((pattern != null) ? pattern : "this path");
	}

}
