package io.ragwell.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.ragwell.core.ClientGoneException;
import io.ragwell.core.ClientWatch;
import io.ragwell.core.SearchResult;
import io.ragwell.query.Answered;
import io.ragwell.query.RagService.PendingAnswer;
import io.ragwell.query.metrics.RagMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Streams an answer while it is written: the LLM writes on a virtual thread of its own, and the request thread
 * writes each piece to the client as it arrives. The request thread stays the one that talks to the client, so
 * the servlet response is used from one thread only and {@link ClientGoneValve}'s probe, which only works
 * there, tells it within {@link #PROBE_INTERVAL} that the client hung up, even while the LLM is silent. Then, or
 * when a write to the client fails, the writer thread is interrupted, which cancels the LLM call (the provider's
 * connection is closed, so it stops generating and billing).
 * <p>
 * One writer thread per streamed request, living no longer than the request: request threads are virtual and
 * the LLM's bulkhead bounds concurrent calls, so this adds no unbounded pool.
 */
@Component
public class AnswerStreamer {

	private static final Logger log = LoggerFactory.getLogger(AnswerStreamer.class);

	/** How often a quiet stream asks whether its client is still there (as the embedding queue does). */
	static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

	private final ProblemDetailsAdvice problems;

	private final MeterRegistry registry;

	AnswerStreamer(ProblemDetailsAdvice problems, MeterRegistry registry) {
		this.problems = problems;
		this.registry = registry;
	}

	/**
	 * Writes {@code pending}'s sources, then its answer as it is generated, then the end (or the failure).
	 * @param pending the retrieved sources and the step that writes the answer
	 * @param events how the events look on the wire
	 * @param route the endpoint's route, the {@code instance} of a failure's problem detail
	 */
	public void stream(PendingAnswer pending, AnswerEvents events, String route) {
		stream(pending.sources(), pending::stream, pending::elapsedMs, events, route);
	}

	/** The same, with the pending answer's parts apart. */
	void stream(List<SearchResult> sources, Function<Consumer<String>, Answered> answer, LongSupplier elapsedMs,
			AnswerEvents events, String route) {
		BlockingQueue<Item> items = new LinkedBlockingQueue<>();
		Thread writer = null;
		try {
			events.sources(sources);
			writer = Thread.ofVirtual().name("ragwell-answer-", 0).start(() -> {
				try {
					items.add(new Done(answer.apply((delta) -> items.add(new Delta(delta)))));
				}
				catch (RuntimeException ex) {
					items.add(new Failed(ex));
				}
				catch (Error ex) {
					// Without an item the request thread would wait for one until the client hung up: a client
					// that waits for its answer held its connection for good.
					log.error("the streamed answer failed", ex);
					items.add(new Failed(new IllegalStateException("the answer could not be written")));
				}
			});
			while (true) {
				Item item = items.poll(PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
				if (item == null) {
					if (ClientWatch.gone()) {
						throw new ClientGoneException("the client hung up while its answer was streamed");
					}
					continue;
				}
				switch (item) {
					case Delta(String text) -> events.delta(text);
					case Done(Answered answered) -> {
						events.done(answered);
						return;
					}
					case Failed(RuntimeException failure) -> {
						events.failed(this.problems.describe(failure, route));
						return;
					}
				}
			}
		}
		catch (IOException | ClientGoneException ex) {
			// A hang-up is the client's choice, not a server error: a line at info, as for the embedding queue.
			log.info("client gone during a streamed answer after {} ms: {}", elapsedMs.getAsLong(),
					ex.getClass().getSimpleName());
			RagMetrics.error(this.registry, "request", (ex instanceof ClientGoneException gone) ? gone
					: new ClientGoneException("a write to the client failed"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (writer != null) {
				// Stops the LLM call if it is still running; a no-op once the writer has finished.
				writer.interrupt();
			}
		}
	}

	private sealed interface Item {
	}

	private record Delta(String text) implements Item {
	}

	private record Done(Answered answered) implements Item {
	}

	private record Failed(RuntimeException failure) implements Item {
	}

}
