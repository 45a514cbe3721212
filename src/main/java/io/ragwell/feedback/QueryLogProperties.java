package io.ragwell.feedback;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.query-log.*}: the log of answered questions that feedback is joined to.
 *
 * @param enabled whether answered questions are logged at all (without it, feedback cannot become judgments)
 * @param path directory of the log: one subdirectory per namespace
 * @param maxFileSize size at which a namespace's file is rotated
 * @param maxFiles files kept per namespace, the current one included; the oldest questions go first, so a
 * namespace's log never exceeds about {@code maxFiles * maxFileSize}, whatever another namespace asks
 * @param queueCapacity questions waiting for the writer; beyond it new ones are dropped (and counted) rather
 * than slowing queries down
 * @param flushInterval how often the writer writes and fsyncs what has queued: a crash loses at most this much
 */
@Validated
@ConfigurationProperties("ragwell.query-log")
public record QueryLogProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("./data/query-log") Path path, @DefaultValue("16MB") DataSize maxFileSize,
		@DefaultValue("4") @Min(1) @Max(100) int maxFiles, @DefaultValue("10000") @Min(1) int queueCapacity,
		@DefaultValue("1s") Duration flushInterval) {

	public QueryLogProperties {
		if (maxFileSize.toBytes() < 1024) {
			throw new IllegalArgumentException("ragwell.query-log.max-file-size must be at least 1KB, was " + maxFileSize);
		}
		if (flushInterval.isNegative() || flushInterval.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException(
					"ragwell.query-log.flush-interval must be between 0 and 1m, was " + flushInterval);
		}
	}

}
