package io.ragwell.query.chat;

import io.ragwell.core.LlmClient;
import io.ragwell.query.RagService;
import io.ragwell.query.plan.LimitsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The conversation stage: the LLM rewrites follow-ups when it is generative; the extractive answerer cannot. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
public class ChatConfiguration {

	@Bean
	QuestionRewriter questionRewriter(LlmClient llm, LimitsProperties limits) {
		return "extractive".equals(llm.provider()) ? QuestionRewriter.unchanged()
				: new LlmQuestionRewriter(llm, limits.maxQueryChars());
	}

	@Bean
	ChatService chatService(RagService rag, QuestionRewriter rewriter, ChatProperties properties) {
		return new ChatService(rag, rewriter, properties);
	}

}
