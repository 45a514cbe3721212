package io.ragwell.system.security;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.ragwell.core.Document;
import io.ragwell.system.Namespaces;
import io.ragwell.system.security.SecurityProperties.ApiKey;
import io.ragwell.system.security.SecurityProperties.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * API keys, scopes, tenant namespaces and per-key rate limits. Runs as a servlet filter so it also guards the
 * actuator endpoints; its rejections are handed to the MVC exception resolvers, so they are rendered by the
 * same problem-details advice as every other error.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

	private final ApiKeyAuthenticator authenticator;

	private final SecurityProperties properties;

	private final RateLimiterRegistry rateLimiters;

	private final HandlerExceptionResolver resolver;

	private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

	ApiKeyFilter(SecurityProperties properties, RateLimiterRegistry rateLimiters, HandlerExceptionResolver resolver) {
		this.authenticator = new ApiKeyAuthenticator(properties.apiKeys());
		this.properties = properties;
		this.rateLimiters = rateLimiters;
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (isHealth(path)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			ApiKey key = authenticate(request);
			Scope required = requiredScope(request.getMethod(), path);
			if (!key.scopes().contains(required)) {
				throw new AccessDeniedException("this key lacks the '" + required.name().toLowerCase(java.util.Locale.ROOT)
						+ "' scope needed for " + request.getMethod() + " " + path);
			}
			rateLimit(key);
			request.setAttribute(Namespaces.ATTRIBUTE,
					(key.namespace() != null) ? key.namespace() : Document.DEFAULT_NAMESPACE);
		}
		catch (AuthenticationException | AccessDeniedException | RateLimitedException ex) {
			this.resolver.resolveException(request, response, null, ex);
			return;
		}
		chain.doFilter(request, response);
	}

	private ApiKey authenticate(HttpServletRequest request) {
		String presented = presentedKey(request);
		if (presented == null) {
			throw new AuthenticationException(
					"an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
		}
		ApiKey key = this.authenticator.authenticate(presented);
		if (key == null) {
			log.warn("rejected request with an unknown API key path={}", request.getRequestURI());
			throw new AuthenticationException("the API key is not valid");
		}
		return key;
	}

	private static @Nullable String presentedKey(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).strip();
		}
		String header = request.getHeader("X-API-Key");
		return (header != null && !header.isBlank()) ? header.strip() : null;
	}

	private void rateLimit(ApiKey key) {
		if (!this.properties.rateLimit().enabled()) {
			return;
		}
		RateLimiter limiter = this.limiters.computeIfAbsent(key.name(),
				name -> this.rateLimiters.rateLimiter("api-key-" + name, RateLimiterConfig.custom()
					.limitForPeriod(this.properties.rateLimit().limitForPeriod())
					.limitRefreshPeriod(this.properties.rateLimit().refreshPeriod())
					.timeoutDuration(java.time.Duration.ZERO)
					.build()));
		if (!limiter.acquirePermission()) {
			throw new RateLimitedException(key.name(), this.properties.rateLimit().refreshPeriod());
		}
	}

	static boolean isHealth(String path) {
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || path.equals("/livez")
				|| path.equals("/readyz");
	}

	static Scope requiredScope(String method, String path) {
		if (path.startsWith("/actuator") || path.startsWith("/evaluations")) {
			return Scope.ADMIN;
		}
		// Anyone who may query may rate an answer; reading everyone's feedback (comments included) is an
		// operator's export.
		if (path.equals("/feedback") && "GET".equalsIgnoreCase(method)) {
			return Scope.ADMIN;
		}
		if (path.startsWith("/documents") && !"GET".equalsIgnoreCase(method) && !"HEAD".equalsIgnoreCase(method)) {
			return Scope.WRITE;
		}
		return Scope.READ;
	}

}
