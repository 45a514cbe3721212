package io.ragwell.feedback;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.store.lucene.StoreProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Enable.class);

	@TempDir
	Path dir;

	@Test
	void theDefaultLogIsNeitherInsideNorBesideTheIndexAndIsBounded() {
		this.runner.run(context -> {
			FeedbackProperties feedback = context.getBean(FeedbackProperties.class);
			Path index = context.getBean(StoreProperties.class).lucene().path().toAbsolutePath().normalize();
			Path log = feedback.path().toAbsolutePath().normalize();
			assertThat(log.startsWith(index)).as(log + " inside " + index).isFalse();
			assertThat(log.getParent()).isNotEqualTo(index.getParent());
			assertThat(feedback.maxFileSize()).isEqualTo(DataSize.ofMegabytes(64));
			assertThat(feedback.maxFiles()).isEqualTo(5);
		});
	}

	@Test
	void theDefaultLogStaysPutWhenTheIndexMoves() {
		this.runner.withPropertyValues("ragwell.store.lucene.path=" + this.dir.resolve("index")).run(context -> {
			Path log = context.getBean(FeedbackProperties.class).path().toAbsolutePath().normalize();
			assertThat(log.startsWith(this.dir)).isFalse();
		});
	}

	@Test
	void aRecordCapAboveTheFileCapIsRefusedAtStartup() {
		this.runner.withPropertyValues("ragwell.feedback.max-file-size=1KB", "ragwell.feedback.max-record-size=2KB")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ragwell.feedback.max-record-size"));
	}

	@Test
	void feedbackLargerThanTheRecordCapIsABadRequestAndNotWritten() {
		FeedbackProperties properties = new FeedbackProperties(this.dir.resolve("feedback.jsonl"), 2000, 100, 10,
				DataSize.ofMegabytes(1), 2, DataSize.ofKilobytes(4));
		try (FeedbackLog log = new FeedbackLog(properties.path(), properties.maxFileSize().toBytes(),
				properties.maxFiles())) {
			FeedbackService service = new FeedbackService(log, properties, new SimpleMeterRegistry(),
					Clock.systemUTC());
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				ids.add("chunk-" + i + "-" + "x".repeat(400));
			}
			String queryId = UUID.randomUUID().toString();
			assertThatThrownBy(() -> service.record("a", new FeedbackRequest(queryId, "up", ids, null)))
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("at most 4096");
			assertThat(service.export("a", null)).isEmpty();

			assertThat(service.record("a", new FeedbackRequest(queryId, "up", ids.subList(0, 2), "fine")).comment())
				.isEqualTo("fine");
			assertThat(service.export("a", null)).hasSize(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ FeedbackProperties.class, StoreProperties.class })
	static class Enable {

	}

}
