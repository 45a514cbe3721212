package io.ragwell.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * {@code ragwell.ingest.*}.
 *
 * @param maxDocumentChars longest document content accepted
 * @param maxBatchDocuments most documents in one {@code POST /documents}
 * @param maxMetadataEntries most metadata keys per document
 */
@Validated
@ConfigurationProperties("ragwell.ingest")
public record IngestProperties(@DefaultValue("2000000") @Min(1) int maxDocumentChars,
		@DefaultValue("256") @Min(1) int maxBatchDocuments, @DefaultValue("64") @Min(1) int maxMetadataEntries) {
}
