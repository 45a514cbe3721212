package io.ragwell.store.lucene;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class StorePropertiesBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Enable.class);

	@Test
	void defaultsToFloatVectorsUnderDataIndex() {
		this.runner.run((context) -> {
			StoreProperties properties = context.getBean(StoreProperties.class);
			assertThat(properties.type()).isEqualTo("lucene");
			assertThat(properties.lucene().path().normalize()).isEqualTo(Path.of("data/index"));
			assertThat(properties.lucene().vectorEncoding()).isEqualTo(VectorEncoding.FLOAT32);
		});
	}

	@Test
	void bindsTheVectorEncodingInLowerCase() {
		this.runner.withPropertyValues("ragwell.store.lucene.vector-encoding=int8", "ragwell.store.lucene.path=/tmp/x")
			.run((context) -> {
				StoreProperties properties = context.getBean(StoreProperties.class);
				assertThat(properties.lucene().vectorEncoding()).isEqualTo(VectorEncoding.INT8);
				assertThat(properties.lucene().path()).isEqualTo(Path.of("/tmp/x"));
			});
	}

	@Test
	void refusesAnUnknownEncoding() {
		this.runner.withPropertyValues("ragwell.store.lucene.vector-encoding=int4")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StoreProperties.class)
	static class Enable {

	}

}
