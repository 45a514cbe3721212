package io.ragwell.llm.openai;

import java.time.Clock;

import io.ragwell.core.LlmException;
import io.ragwell.remote.OpenAiCompatibleErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat client's flavour of {@link OpenAiCompatibleErrors}: failures become {@link LlmException}s whose
 * messages start with "LLM". The mapping itself is shared with the OpenAI-compatible embedder.
 */
final class OpenAiErrors extends OpenAiCompatibleErrors<LlmException> {

	OpenAiErrors(JsonMapper json, @Nullable String apiKey, Clock clock) {
		super("llm", "LLM", json, apiKey, clock, (failure) -> new LlmException(failure.getMessage(), failure.status(),
				failure.retryable(), failure.code(), failure.retryAfter(), failure.getCause()));
	}

}
