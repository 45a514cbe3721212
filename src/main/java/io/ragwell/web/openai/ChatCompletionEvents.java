package io.ragwell.web.openai;

import java.io.IOException;
import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.Answered;
import io.ragwell.web.AnswerEvents;
import io.ragwell.web.SseWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;

/**
 * A streamed chat completion as OpenAI streams one: unnamed events each carrying a {@code chat.completion.chunk}
 * (the role and the sources first, then the text, then the finish chunk), the usage chunk when asked for, and
 * {@code data: [DONE]}. A failure after the start is an event whose data is OpenAI's error object, without
 * {@code [DONE]}: OpenAI's SDKs raise it as an {@code APIError}.
 */
final class ChatCompletionEvents implements AnswerEvents {

	private final SseWriter sse;

	private final ChatCompletions completions;

	private final boolean includeUsage;

	private final JsonMapper json;

	ChatCompletionEvents(SseWriter sse, ChatCompletions completions, boolean includeUsage, JsonMapper json) {
		this.sse = sse;
		this.completions = completions;
		this.includeUsage = includeUsage;
		this.json = json;
	}

	@Override
	public void sources(List<SearchResult> sources) throws IOException {
		this.sse.data(this.completions.firstChunk(sources, this.includeUsage));
	}

	@Override
	public void delta(String text) throws IOException {
		this.sse.data(this.completions.textChunk(text, this.includeUsage));
	}

	@Override
	public void done(Answered answered) throws IOException {
		this.sse.data(this.completions.finishChunk(answered, this.includeUsage));
		if (this.includeUsage) {
			this.sse.data(this.completions.usageChunk(answered));
		}
		this.sse.literal("[DONE]");
	}

	@Override
	public void failed(ProblemDetail problem) throws IOException {
		this.sse.data(OpenAiErrors.fromProblem(this.json, problem));
	}

}
