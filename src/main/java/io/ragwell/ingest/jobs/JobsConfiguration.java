package io.ragwell.ingest.jobs;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.SharedJobRecords;
import io.ragwell.ingest.DocumentInput;
import io.ragwell.ingest.FileInput;
import io.ragwell.ingest.IngestResult;
import io.ragwell.ingest.IngestService;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
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

	/**
	 * File items go through the same parse as a synchronous upload ({@link IngestService#ingestFile}); their bytes
	 * stay in the spool until the job ends.
	 */
	@Bean
	@ConditionalOnMissingBean
	FileItemIngestor fileItemIngestor(IngestService ingest) {
		return (namespace, file) -> ingest.ingestFile(namespace, new FileInput(file.id(), file.source(),
				file.metadata(), file.filename(), file.contentType(), file.path()));
	}

	@Bean
	JobService jobService(JobsProperties properties, IngestService ingest, FileItemIngestor files,
			MeterRegistry registry, ObjectProvider<SharedJobRecords> shared) {
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

			@Override
			public void checkFile(String id, Map<String, Object> metadata, @Nullable String source, String filename) {
				ingest.checkFileFields(id, metadata, source, filename);
			}

		}, files, registry, shared.getIfAvailable());
	}

}
