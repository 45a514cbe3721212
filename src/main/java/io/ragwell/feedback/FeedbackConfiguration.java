package io.ragwell.feedback;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rotated feedback log, the service over it, and the query log feedback is joined to. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FeedbackProperties.class, QueryLogProperties.class })
class FeedbackConfiguration {

	/** Closed on shutdown, which Spring infers from {@link FeedbackLog#close()}. */
	@Bean
	FeedbackLog feedbackLog(FeedbackProperties properties) {
		return new FeedbackLog(properties.path(), properties.maxFileSize().toBytes(), properties.maxFiles());
	}

	/**
	 * The log of answered questions the query path writes; closed on shutdown (what is queued is written).
	 * Without it ({@code ragwell.query-log.enabled=false}) the query path records nothing and feedback cannot
	 * become judgments.
	 */
	@Bean
	QueryLogFile queryLog(QueryLogProperties properties, MeterRegistry registry) {
		return new QueryLogFile(properties.path(), properties.maxFileSize().toBytes(), properties.maxFiles(),
				properties.queueCapacity(), properties.flushInterval(), properties.enabled(), registry);
	}

	@Bean
	JudgmentService judgmentService(FeedbackLog feedback, QueryLogFile queries) {
		return new JudgmentService(feedback, queries);
	}

	@Bean
	FeedbackService feedbackService(FeedbackLog log, FeedbackProperties properties, MeterRegistry registry) {
		return new FeedbackService(log, properties, registry, Clock.systemUTC());
	}

}
