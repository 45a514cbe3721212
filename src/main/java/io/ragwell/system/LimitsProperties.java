package io.ragwell.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code ragwell.limits.*}: what a single request may ask for. Anything beyond is a 4xx problem detail and
 * changes nothing.
 *
 * @param maxRequestSize largest request body (413 beyond)
 * @param maxDocumentChars longest document content
 * @param maxBatchDocuments most documents in one {@code POST /documents}
 * @param maxMetadataEntries most metadata keys per document
 * @param maxQueryChars longest query
 * @param maxTopK largest {@code top_k}
 * @param maxFilterDepth deepest {@code $and}/{@code $or} nesting
 * @param maxFilterListSize longest list in a filter
 * @param maxFilterClauses most conditions in a whole filter tree, every list value counted (at most 250: beyond,
 * a filter plus the BM25 terms can exceed the 1,024 clauses Lucene and OpenSearch allow in one query)
 */
@Validated
@ConfigurationProperties("ragwell.limits")
public record LimitsProperties(@DefaultValue("16MB") DataSize maxRequestSize,
		@DefaultValue("2000000") @Min(1) int maxDocumentChars, @DefaultValue("256") @Min(1) int maxBatchDocuments,
		@DefaultValue("64") @Min(1) int maxMetadataEntries, @DefaultValue("2000") @Min(1) int maxQueryChars,
		@DefaultValue("50") @Min(1) @Max(1000) int maxTopK, @DefaultValue("8") @Min(1) int maxFilterDepth,
		@DefaultValue("100") @Min(1) int maxFilterListSize,
		@DefaultValue("200") @Min(1) @Max(250) int maxFilterClauses) {
}
