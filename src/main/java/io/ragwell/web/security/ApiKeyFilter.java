package io.ragwell.web.security;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.ragwell.core.Document;
import io.ragwell.web.security.SecurityProperties.ApiKey;
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
 * Who is calling: API keys, tenant namespaces, per-key rate limits and the throttling of unknown keys. It never
 * looks at the path; what a caller may reach is decided on the handler by {@link ScopeInterceptor}. A request
 * without a key goes on anonymous (health is open to it, everything else answers 401 there); a request with an
 * unknown key stops here with 401. Its rejections are handed to the MVC exception resolvers, so they are
 * rendered by the same problem-details advice as every other error.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

	private final ApiKeyAuthenticator authenticator;

	private final SecurityProperties properties;

	private final RateLimiterRegistry rateLimiters;

	private final HandlerExceptionResolver resolver;

	private final FailedAuthentications failures;

	private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

	ApiKeyFilter(SecurityProperties properties, RateLimiterRegistry rateLimiters, HandlerExceptionResolver resolver,
			FailedAuthentications failures) {
		this.authenticator = new ApiKeyAuthenticator(properties.apiKeys());
		this.properties = properties;
		this.rateLimiters = rateLimiters;
		this.resolver = resolver;
		this.failures = failures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.properties.apiKeys().isEmpty()) {
			request.setAttribute(Namespaces.ATTRIBUTE, Document.DEFAULT_NAMESPACE);
			chain.doFilter(Caller.OPEN.wrap(request), response);
			return;
		}
		String presented = presentedKey(request);
		if (presented == null) {
			chain.doFilter(request, response);
			return;
		}
		ApiKey key;
		try {
			key = authenticate(request, presented);
			rateLimit(key);
		}
		catch (AuthenticationException | RateLimitedException ex) {
			this.resolver.resolveException(request, response, null, ex);
			return;
		}
		request.setAttribute(Namespaces.ATTRIBUTE,
				(key.namespace() != null) ? key.namespace() : Document.DEFAULT_NAMESPACE);
		chain.doFilter(new Caller(key.name(), key.scopes()).wrap(request), response);
	}

	private ApiKey authenticate(HttpServletRequest request, String presented) {
		ApiKey key = this.authenticator.authenticate(presented);
		if (key == null) {
			// Only unknown keys are throttled. Behind a load balancer or a NAT every client shares one address:
			// refusing valid keys there would let one misconfigured client lock out all the others. Keys are 16+
			// random characters, so guessing is hopeless anyway; the throttle bounds log volume and the work an
			// address can cause with made-up keys.
			String address = request.getRemoteAddr();
			Duration wait = this.failures.retryAfter(address);
			if (wait != null) {
				throw RateLimitedException.forFailedAuthentications(wait);
			}
			this.failures.failed(address);
			OptionalLong suppressed = this.failures.sampleLog();
			// Never the key itself, nor the path (the caller's text): the address and how many lines were skipped.
			if (suppressed.isPresent()) {
				log.warn("rejected request with an unknown API key address={} suppressed_since_last={}", address,
						suppressed.getAsLong());
			}
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
					.timeoutDuration(Duration.ZERO)
					.build()));
		if (!limiter.acquirePermission()) {
			throw RateLimitedException.forKey(key.name(), this.properties.rateLimit().refreshPeriod());
		}
	}

}
