package io.ragwell.query.generate;

import io.ragwell.core.LlmClient;
import io.ragwell.llm.FallbackLlmClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answer generator: the configured {@link LlmClient} behind a {@link FallbackLlmClient} whose fallback is the
 * extractive answerer.
 */
@Configuration(proxyBeanMethods = false)
public class GenerationConfiguration {

	/**
	 * The bean name of the extractive answerer that stands in for a failed LLM. It is built, metered, in
	 * {@code ops.PortCompositionConfiguration} (a pipeline cannot see the metrics decorators).
	 */
	public static final String FALLBACK = "fallbackLlmClient";

	@Bean
	AnswerGenerator answerGenerator(LlmClient llm, @Qualifier(FALLBACK) ObjectProvider<LlmClient> fallback) {
		// The extractive answerer needs nothing but the embedder, so it has nothing to fall back to.
		if ("extractive".equals(llm.provider())) {
			return new LlmAnswerGenerator(llm);
		}
		return new LlmAnswerGenerator(new FallbackLlmClient(llm, fallback.getObject()));
	}

}
