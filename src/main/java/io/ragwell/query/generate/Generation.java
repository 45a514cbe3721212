package io.ragwell.query.generate;

import java.util.List;
import java.util.Objects;

import io.ragwell.core.LlmAnswer;

/**
 * An answer and how it came about.
 *
 * @param answer the text and its token counts
 * @param provider who wrote it, reported as the response's {@code mode}
 * @param degraded whether a fallback wrote it (a degraded answer is not cached)
 * @param warnings what the response should tell the caller about it
 */
public record Generation(LlmAnswer answer, String provider, boolean degraded, List<String> warnings) {

	public Generation {
		Objects.requireNonNull(answer, "answer");
		Objects.requireNonNull(provider, "provider");
		warnings = List.copyOf(warnings);
	}

}
