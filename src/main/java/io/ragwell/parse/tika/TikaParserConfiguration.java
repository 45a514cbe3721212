package io.ragwell.parse.tika;

import io.ragwell.core.DocumentParser;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Tika parser, unless the application declares another {@link DocumentParser}. */
@Configuration(proxyBeanMethods = false)
public class TikaParserConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(DocumentParser.class)
	public TikaDocumentParser tikaDocumentParser(ParseProperties properties) {
		return new TikaDocumentParser(properties);
	}

}
