package io.ragwell.feedback;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.feedback.*}.
 *
 * @param path the JSON-lines file feedback is appended to; rotated files sit beside it as {@code .1},
 * {@code .2}... By default in its own directory, not derived from the index location, so that feedback
 * neither lands inside the index directory nor fills the index's disk, and can be mounted and backed up on
 * its own
 * @param maxCommentChars longest comment accepted
 * @param maxSourceIds most source ids one piece of feedback may name
 * @param maxExport most records one {@code GET /feedback} returns
 * @param maxFileSize size at which the file is rotated
 * @param maxFiles most files kept, the current one included: the log never exceeds about
 * {@code maxFiles * maxFileSize}, and the oldest feedback is dropped first
 * @param maxRecordSize largest stored record (its JSON line); a bigger one is refused with a 400, so no caller
 * can make one request write more than this
 */
@Validated
@ConfigurationProperties("ragwell.feedback")
public record FeedbackProperties(@DefaultValue("./data/feedback/feedback.jsonl") Path path,
		@DefaultValue("2000") @Min(0) int maxCommentChars, @DefaultValue("100") @Min(0) int maxSourceIds,
		@DefaultValue("10000") @Min(1) @Max(1_000_000) int maxExport, @DefaultValue("64MB") DataSize maxFileSize,
		@DefaultValue("5") @Min(1) @Max(1000) int maxFiles, @DefaultValue("16KB") DataSize maxRecordSize) {

	public FeedbackProperties {
		// A record must fit a file, or a single append could exceed the bound the two settings promise.
		if (maxRecordSize.toBytes() < 1 || maxRecordSize.compareTo(maxFileSize) > 0) {
			throw new IllegalArgumentException("ragwell.feedback.max-record-size (" + maxRecordSize
					+ ") must be at least 1 byte and at most ragwell.feedback.max-file-size (" + maxFileSize + ")");
		}
	}

}
