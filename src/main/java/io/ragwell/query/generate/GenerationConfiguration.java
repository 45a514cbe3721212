package io.ragwell.query.generate;

import io.ragwell.embed.Embedder;
import io.ragwell.llm.FallbackLlmClient;
import io.ragwell.llm.LlmClient;
import io.ragwell.llm.LlmProperties;
import io.ragwell.llm.extractive.ExtractiveLlmClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The answer generator: the configured {@link LlmClient} behind a {@link FallbackLlmClient} whose fallback is the
 * extractive answerer.
 */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

	static final String FALLBACK = "fallbackLlmClient";

	/**
	 * The extractive answerer that stands in for a failed LLM. A bean, so the port decorators wrap it like every
	 * other {@code LlmClient}: metered ({@code rag.llm}, {@code rag.tokens}, {@code rag.errors} with
	 * {@code provider=extractive}), never made resilient since it calls nothing remote. Not a default candidate:
	 * an injected {@code LlmClient} is still the configured one. Lazy: with the extractive answerer configured
	 * there is nothing to fall back to, and no second sentence cache is built.
	 */
	@Bean(name = FALLBACK, defaultCandidate = false)
	@Lazy
	LlmClient fallbackLlmClient(Embedder embedder, LlmProperties properties) {
		return new ExtractiveLlmClient(embedder, properties.maxSentences(), properties.sentenceCacheSize());
	}

	@Bean
	AnswerGenerator answerGenerator(LlmClient llm, @Qualifier(FALLBACK) ObjectProvider<LlmClient> fallback) {
		// The extractive answerer needs nothing but the embedder, so it has nothing to fall back to.
		if ("extractive".equals(llm.provider())) {
			return new LlmAnswerGenerator(llm);
		}
		return new LlmAnswerGenerator(new FallbackLlmClient(llm, fallback.getObject()));
	}

}
