package io.ragwell.llm.vision;

import io.ragwell.core.ImageCaptioner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A captioner when {@code ragwell.vision.base-url} is set; the composition uses {@link ImageCaptioner#NONE} otherwise. */
@Configuration(proxyBeanMethods = false)
public class VisionConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("!'${ragwell.vision.base-url:}'.isBlank()")
	public OpenAiVisionCaptioner openAiVisionCaptioner(VisionProperties properties) {
		return new OpenAiVisionCaptioner(properties);
	}

}
