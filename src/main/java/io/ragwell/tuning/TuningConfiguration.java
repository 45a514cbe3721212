package io.ragwell.tuning;

import java.time.Clock;

import io.ragwell.core.Embedder;
import io.ragwell.feedback.JudgmentService;
import io.ragwell.query.plan.QueryProperties;
import io.ragwell.query.plan.TunedSettings;
import io.ragwell.query.retrieve.HybridRetriever;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tuning service over the feedback judgments, the retriever and the tuned-settings store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TuningProperties.class)
class TuningConfiguration {

	@Bean
	TuningService tuningService(JudgmentService judgments, TunedSettings tuned, HybridRetriever retriever,
			Embedder embedder, QueryProperties queryProperties, TuningProperties properties) {
		return new TuningService(judgments, tuned, retriever, embedder, queryProperties, properties,
				Clock.systemUTC());
	}

}
