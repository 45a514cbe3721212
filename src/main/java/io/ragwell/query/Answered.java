package io.ragwell.query;

import java.util.Objects;

/**
 * A written answer: the {@code /query} response, and the token counts behind its {@code tokens_used} (the
 * OpenAI-compatible endpoint reports them apart).
 *
 * @param response the response as {@code /query} returns it
 * @param promptTokens tokens the answerer read
 * @param completionTokens tokens the answerer wrote
 */
public record Answered(QueryResponse response, int promptTokens, int completionTokens) {

	public Answered {
		Objects.requireNonNull(response, "response");
	}

	/** The same answer served again from the cache, with a new query id and this request's latency. */
	Answered servedFromCache(long latencyMs) {
		return new Answered(this.response.servedFromCache(latencyMs), this.promptTokens, this.completionTokens);
	}

}
