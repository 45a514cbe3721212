package io.ragwell.web;

import java.io.IOException;
import java.util.List;

import io.ragwell.core.SearchResult;
import io.ragwell.query.Answered;

import org.springframework.http.ProblemDetail;

/**
 * How a streamed answer is put on the wire: Ragwell's own events ({@code /query/stream}) or OpenAI's chunks
 * ({@code /v1/chat/completions}). {@link AnswerStreamer} calls these on the request thread, in order: sources
 * once, deltas, then either done or failed.
 */
public interface AnswerEvents {

	/** The numbered sources the answer will cite. */
	void sources(List<SearchResult> sources) throws IOException;

	/** The next piece of the answer's text. */
	void delta(String text) throws IOException;

	/** The answer is complete. */
	void done(Answered answered) throws IOException;

	/** Writing the answer failed after the stream started: the status is sent, so the body says what failed. */
	void failed(ProblemDetail problem) throws IOException;

}
