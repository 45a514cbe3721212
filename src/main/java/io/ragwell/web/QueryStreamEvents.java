package io.ragwell.web;

import java.io.IOException;
import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.Answered;
import io.ragwell.query.QueryResponse;

import org.springframework.http.ProblemDetail;

/**
 * The events of {@code POST /query/stream}: {@code sources} (the array {@code /query} returns as
 * {@code sources}), {@code delta} ({@code {"text": …}}) for each piece of the answer, then {@code done} with the
 * rest of what {@code /query} returns, or {@code error} with a problem detail.
 */
final class QueryStreamEvents implements AnswerEvents {

	private final SseWriter sse;

	QueryStreamEvents(SseWriter sse) {
		this.sse = sse;
	}

	@Override
	public void sources(List<SearchResult> sources) throws IOException {
		this.sse.event("sources", sources);
	}

	@Override
	public void delta(String text) throws IOException {
		this.sse.event("delta", new Delta(text));
	}

	@Override
	public void done(Answered answered) throws IOException {
		QueryResponse response = answered.response();
		this.sse.event("done", new Done(response.latencyMs(), response.tokensUsed(), response.mode(),
				response.cached(), response.degraded(), response.queryId(), response.warnings(), response.abstained()));
	}

	@Override
	public void failed(ProblemDetail problem) throws IOException {
		this.sse.event("error", problem);
	}

	/** @param text the next piece of the answer */
	record Delta(String text) {
	}

	/** The end of the answer: {@code /query}'s fields besides the answer, sources and search mode. */
	record Done(long latencyMs, int tokensUsed, String mode, boolean cached, boolean degraded, String queryId,
			List<String> warnings, boolean abstained) {
	}

}
