package io.ragwell.feedback;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code ragwell.feedback.*}.
 *
 * @param path the JSON-lines file feedback is appended to; by default {@code feedback.jsonl} beside the
 * Lucene index directory ({@code ragwell.store.lucene.path}), so it lives and is backed up with the index
 * @param maxCommentChars longest comment accepted
 * @param maxSourceIds most source ids one piece of feedback may name
 * @param maxExport most records one {@code GET /feedback} returns
 */
@Validated
@ConfigurationProperties("ragwell.feedback")
public record FeedbackProperties(@Nullable Path path, @DefaultValue("2000") @Min(0) int maxCommentChars,
		@DefaultValue("100") @Min(0) int maxSourceIds, @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxExport) {
}
