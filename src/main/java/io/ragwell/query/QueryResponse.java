package io.ragwell.query;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.SearchResult;

/**
 * Body returned by {@code POST /query}.
 *
 * @param answer the answer; {@code [n]} cites {@code sources[n-1]}
 * @param sources the chunks the answer was built from, in citation order
 * @param latencyMs wall time spent in the service for this request
 * @param tokensUsed tokens read and written by the answerer
 * @param mode how the answer was written: {@code extractive}, {@code openai}, …
 * @param searchMode how the sources were retrieved: dense, sparse or hybrid
 * @param cached whether this response was served from the response cache
 * @param degraded whether the configured LLM failed and the extractive answerer stood in
 * @param warnings what the caller should know about how this answer was produced
 * @param queryId identifies this response for {@code POST /feedback}; new for every response, cached ones
 * included
 * @param abstained whether the answerer declined because the sources do not answer the question: the answer is
 * then exactly {@link LlmAnswer#ABSTENTION} and cites nothing
 * @param relevance the extractive answerer's best sentence score ({@code NaN} for others); not serialised: it
 * is for the {@code eval --answers} threshold curve, not an API promise
 */
public record QueryResponse(String answer, List<SearchResult> sources, long latencyMs, int tokensUsed, String mode,
		String searchMode, boolean cached, boolean degraded, List<String> warnings, String queryId,
		boolean abstained, @JsonIgnore double relevance) {

	public QueryResponse {
		sources = List.copyOf(sources);
		warnings = List.copyOf(warnings);
		Objects.requireNonNull(queryId, "queryId");
	}

	/** A response with a fresh query id. */
	public QueryResponse(String answer, List<SearchResult> sources, long latencyMs, int tokensUsed, String mode,
			String searchMode, boolean cached, boolean degraded, List<String> warnings, boolean abstained,
			double relevance) {
		this(answer, sources, latencyMs, tokensUsed, mode, searchMode, cached, degraded, warnings, newQueryId(),
				abstained, relevance);
	}

	/** A random UUID: unguessable, so feedback cannot be attached to someone else's query by enumeration. */
	public static String newQueryId() {
		return UUID.randomUUID().toString();
	}

	QueryResponse servedFromCache(long latency) {
		return new QueryResponse(this.answer, this.sources, latency, this.tokensUsed, this.mode, this.searchMode, true,
				this.degraded, this.warnings, newQueryId(), this.abstained, this.relevance);
	}

}
