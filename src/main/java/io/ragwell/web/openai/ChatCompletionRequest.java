package io.ragwell.web.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/chat/completions}: the fields Ragwell reads or refuses. Every other OpenAI
 * parameter (temperature, max_tokens, stop, seed, user …) is accepted and ignored: the service's own settings
 * decide how answers are written.
 *
 * @param model one of {@link ChatModels}: the retrieval configuration
 * @param messages the conversation; the last message is the user's question
 * @param stream whether to answer with {@code chat.completion.chunk} events
 * @param streamOptions {@code include_usage} adds a last chunk with the token usage
 * @param n choices wanted; only 1 is supported
 * @param tools refused when not empty: Ragwell calls no tools
 * @param functions the deprecated form of {@code tools}, refused likewise
 * @param logprobs refused when true: no answerer reports them
 * @param responseFormat refused unless {@code {"type": "text"}}
 * @param topK Ragwell extension: sources retrieved (as {@code /query}'s {@code top_k})
 * @param filters Ragwell extension: metadata filter (as {@code /query}'s {@code filters})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatCompletionRequest(@Nullable String model, @Nullable List<Message> messages, @Nullable Boolean stream,
		@Nullable StreamOptions streamOptions, @Nullable Integer n, @Nullable List<Object> tools,
		@Nullable List<Object> functions, @Nullable Boolean logprobs, @Nullable ResponseFormat responseFormat,
		@Nullable Integer topK, @Nullable Object filters) {

	/**
	 * @param role system, developer, user, assistant, tool or function
	 * @param content a string, or an array of content parts of which Ragwell reads the text ones
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Message(@Nullable String role, @Nullable Object content) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record StreamOptions(@Nullable Boolean includeUsage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ResponseFormat(@Nullable String type) {
	}

}
