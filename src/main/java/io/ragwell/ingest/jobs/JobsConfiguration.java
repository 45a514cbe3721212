package io.ragwell.ingest.jobs;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.IngestResult;
import io.ragwell.ingest.IngestService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Background jobs in the service only: a command such as {@code eval} runs on a temporary index and must not
 * resume the service's spooled jobs into it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class JobsConfiguration {

	/** Until a file parser is installed (a {@link FileItemIngestor} bean of its own), file items fail with 415. */
	@Bean
	@ConditionalOnMissingBean
	FileItemIngestor fileItemIngestor() {
		return FileItemIngestor.UNSUPPORTED;
	}

	@Bean
	JobService jobService(JobsProperties properties, IngestService ingest, FileItemIngestor files,
			MeterRegistry registry) {
		return new JobService(properties, new JobService.DocumentIngestor() {

			@Override
			public List<DocumentInput> prepare(DocumentInput input) {
				return ingest.prepare(input);
			}

			@Override
			public List<IngestResult> ingest(String namespace, List<DocumentInput> documents) {
				// A batch of one is sent as the document itself: the same request a client would make.
				DocumentInput request = (documents.size() == 1) ? documents.getFirst()
						: new DocumentInput(null, null, null, null, documents);
				return ingest.ingest(namespace, request);
			}

		}, files, registry);
	}

}
