package io.ragwell.llm.openai;

import java.time.Clock;

import io.ragwell.core.LlmException;
import io.ragwell.system.http.OpenAiCompatibleErrors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat client's flavour of {@link OpenAiCompatibleErrors}: failures become {@link LlmException}s whose
 * messages start with "LLM". The mapping itself is shared with the OpenAI-compatible embedder.
 */
final class OpenAiErrors extends OpenAiCompatibleErrors<LlmException> {

	OpenAiErrors(JsonMapper json, @Nullable String apiKey, Clock clock) {
		super("LLM", json, apiKey, clock, LlmException::new);
	}

}
