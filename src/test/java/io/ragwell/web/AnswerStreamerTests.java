package io.ragwell.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ragwell.core.SearchResult;
import io.ragwell.query.Answered;
import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed answer's two threads: whatever the writer thread ends with, the request thread ends too. */
class AnswerStreamerTests {

	/** Records the events in order, as the wire would carry them. */
	private static final class RecordingEvents implements AnswerEvents {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@Override
		public void sources(List<SearchResult> sources) {
			this.events.add("sources");
		}

		@Override
		public void delta(String text) {
			this.events.add("delta:" + text);
		}

		@Override
		public void done(Answered answered) {
			this.events.add("done");
		}

		@Override
		public void failed(ProblemDetail problem) {
			this.events.add(problem);
		}

	}

	@Test
	void anErrorWhileTheAnswerIsWrittenEndsTheStreamWithA500InsteadOfLeavingItOpen() throws Exception {
		// The writer thread caught RuntimeExceptions only: after an Error (a stack overflow, an out-of-memory in
		// the LLM client) nothing ever reached the queue, and the request thread waited for the next piece for as
		// long as the client kept the connection open.
		AnswerStreamer streamer = new AnswerStreamer(new ProblemDetailsAdvice(new SimpleMeterRegistry()),
				new SimpleMeterRegistry());
		RecordingEvents events = new RecordingEvents();
		Thread request = Thread.ofVirtual().start(() -> streamer.stream(List.of(), (onDelta) -> {
			onDelta.accept("The answer");
			throw new StackOverflowError();
		}, () -> 0, events, "/query/stream"));
		assertThat(request.join(Duration.ofSeconds(5))).as("the stream ended").isTrue();
		assertThat(events.events).hasSize(3);
		assertThat(events.events.subList(0, 2)).containsExactly("sources", "delta:The answer");
		assertThat(events.events.get(2)).isInstanceOfSatisfying(ProblemDetail.class, problem -> {
			assertThat(problem.getStatus()).isEqualTo(500);
			assertThat(String.valueOf(problem.getDetail())).doesNotContain("StackOverflow");
		});
	}

}
