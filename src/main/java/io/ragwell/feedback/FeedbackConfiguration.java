package io.ragwell.feedback;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rotated feedback log, and the service over it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackConfiguration {

	/** Closed on shutdown, which Spring infers from {@link FeedbackLog#close()}. */
	@Bean
	FeedbackLog feedbackLog(FeedbackProperties properties) {
		return new FeedbackLog(properties.path(), properties.maxFileSize().toBytes(), properties.maxFiles());
	}

	@Bean
	FeedbackService feedbackService(FeedbackLog log, FeedbackProperties properties, MeterRegistry registry) {
		return new FeedbackService(log, properties, registry, Clock.systemUTC());
	}

}
