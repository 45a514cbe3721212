package io.ragwell.web.security;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * Authentication in a servlet filter (who is calling), authorisation in a handler interceptor (what they
 * reached). Without keys the service runs open: every caller has every scope, health details included, and a
 * warning says so at start.
 */
// Servlet filters only: the eval command runs the application without a web server.
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	FilterRegistrationBean<?> apiKeyFilter(SecurityProperties properties, RateLimiterRegistry rateLimiters,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		SecurityProperties.FailedAuthentications failed = properties.failedAuthentications();
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(properties, rateLimiters, resolver, new FailedAuthentications(failed.limitForPeriod(),
						failed.refreshPeriod(), failed.logLimitForPeriod(), System::nanoTime)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.addUrlPatterns("/*");
		if (properties.apiKeys().isEmpty()) {
			log.warn("ragwell.security.api-keys is empty: the service accepts requests without an API key, and"
					+ " anyone sees health details; configure keys before exposing it");
		}
		else {
			log.info("API keys required keys={}", properties.apiKeys().size());
		}
		return registration;
	}

	/** Before the key filter, so a dot segment is refused the same way whoever sends it. */
	@Bean
	FilterRegistrationBean<?> dotSegmentFilter(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		FilterRegistrationBean<DotSegmentFilter> registration = new FilterRegistrationBean<>(
				new DotSegmentFilter(resolver));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** A mapped interceptor is picked up by every handler mapping in the context, the actuator's included. */
	@Bean
	MappedInterceptor scopeInterceptor(HandlerScopes scopes) {
		return new MappedInterceptor(null, new ScopeInterceptor(scopes));
	}

	/** Reads the actuator's mappings lazily, on the first request, when they all exist. */
	@Bean
	HandlerScopes handlerScopes(ListableBeanFactory beans) {
		return new HandlerScopes(beans);
	}

}
