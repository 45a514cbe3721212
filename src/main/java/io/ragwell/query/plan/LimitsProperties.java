package io.ragwell.query.plan;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

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
 * @param maxMetadataBytes largest metadata of one document, as the UTF-8 JSON it is stored as. It bounds what a
 * document costs beyond its text: the store keeps and indexes metadata once per document, and every search
 * result carries its chunk's document's metadata. 8 KB holds 64 keys of a short value or a few tags each
 * @param maxFilterClauses most conditions in a whole filter tree, every list value counted (at most 250: beyond,
 * a filter plus the BM25 terms can exceed the 1,024 clauses Lucene and OpenSearch allow in one query)
 * @param maxFileBytes largest uploaded file ({@code multipart/form-data} part or {@code PUT} body; 413 beyond). Files
 * are streamed to a temporary file, never held in memory, so this bounds disk, not heap
 * @param maxExtractedChars most characters of text extracted from one file (413 beyond); the parse stops there, so
 * a small file that expands to much text costs no more than this
 */
@Validated
@ConfigurationProperties("ragwell.limits")
public record LimitsProperties(@DefaultValue("16MB") DataSize maxRequestSize,
		@DefaultValue("2000000") @Min(1) int maxDocumentChars, @DefaultValue("256") @Min(1) int maxBatchDocuments,
		@DefaultValue("64") @Min(1) int maxMetadataEntries, @DefaultValue("2000") @Min(1) int maxQueryChars,
		@DefaultValue("50") @Min(1) @Max(1000) int maxTopK, @DefaultValue("8") @Min(1) int maxFilterDepth,
		@DefaultValue("100") @Min(1) int maxFilterListSize, @DefaultValue("8KB") DataSize maxMetadataBytes,
		@DefaultValue("200") @Min(1) @Max(250) int maxFilterClauses, @DefaultValue("64MB") DataSize maxFileBytes,
		@DefaultValue("2000000") @Min(1) int maxExtractedChars) {

	public LimitsProperties {
		if (maxMetadataBytes.toBytes() < 2) {
			throw new IllegalArgumentException("ragwell.limits.max-metadata-bytes must be at least 2B (the JSON '{}'),"
					+ " was " + maxMetadataBytes);
		}
	}

}
