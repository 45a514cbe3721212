package io.ragwell.system.security;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Installs the API-key filter when keys are configured; otherwise warns that the service is open. */
// Servlet filters only: the eval command runs the application without a web server.
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
		type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	FilterRegistrationBean<?> apiKeyFilter(SecurityProperties properties, RateLimiterRegistry rateLimiters,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(properties, rateLimiters, resolver));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.addUrlPatterns("/*");
		if (properties.apiKeys().isEmpty()) {
			log.warn("ragwell.security.api-keys is empty: the service accepts requests without an API key;"
					+ " configure keys before exposing it");
			registration.setEnabled(false);
		}
		else {
			log.info("API keys required keys={}", properties.apiKeys().size());
		}
		return registration;
	}

}
