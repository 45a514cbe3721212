package io.ragwell.feedback;

import java.nio.file.Path;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.store.StoreProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feedback log beside the index, and the service over it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackConfiguration {

	/** Closed on shutdown, which Spring infers from {@link FeedbackLog#close()}. */
	@Bean
	FeedbackLog feedbackLog(FeedbackProperties properties, StoreProperties store) {
		Path path = properties.path();
		if (path == null) {
			Path index = store.lucene().path().toAbsolutePath().normalize();
			Path parent = index.getParent();
			path = ((parent != null) ? parent : index).resolve("feedback.jsonl");
		}
		return new FeedbackLog(path);
	}

	@Bean
	FeedbackService feedbackService(FeedbackLog log, FeedbackProperties properties, MeterRegistry registry) {
		return new FeedbackService(log, properties, registry, Clock.systemUTC());
	}

}
