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
			assertThat(properties.lucene().bm25()).isEqualTo(new StoreProperties.Bm25(1.2, 0.75));
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
	void bindsTheBm25Parameters() {
		this.runner.withPropertyValues("ragwell.store.lucene.bm25.k1=0.9", "ragwell.store.lucene.bm25.b=0.4")
			.run((context) -> assertThat(context.getBean(StoreProperties.class).lucene().bm25())
				.isEqualTo(new StoreProperties.Bm25(0.9, 0.4)));
	}

	@Test
	void refusesBm25ParametersOutOfRange() {
		this.runner.withPropertyValues("ragwell.store.lucene.bm25.b=1.5")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("ragwell.store.lucene.bm25.k1=-1")
			.run((context) -> assertThat(context).hasFailed());
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
