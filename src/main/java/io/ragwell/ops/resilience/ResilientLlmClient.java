package io.ragwell.ops.resilience;

import java.util.function.Consumer;

import io.ragwell.core.ForwardingLlmClient;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmRequest;

/**
 * Runs every generation of a remote {@link LlmClient} under its {@link ResiliencePolicy}. Health checks are
 * not wrapped: they must report the dependency as it is, not retry it into looking healthy.
 */
public final class ResilientLlmClient extends ForwardingLlmClient {

	private final ResiliencePolicy policy;

	public ResilientLlmClient(LlmClient delegate, ResiliencePolicy policy) {
		super(delegate);
		this.policy = policy;
	}

	@Override
	public LlmAnswer generate(LlmRequest request) {
		return this.policy.execute(() -> delegate().generate(request));
	}

	@Override
	public LlmAnswer complete(String prompt) {
		return this.policy.execute(() -> delegate().complete(prompt));
	}

	/**
	 * Retries only while no text has reached {@code onDelta}: after partial output a retry would repeat the
	 * text already shown. Deltas are handed on from the attempt's own thread; those of an attempt that was
	 * abandoned (timed out) and any that arrive after this method returns are dropped, so the caller never
	 * sees text from two attempts or after the answer.
	 */
	@Override
	public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
		DeltaGate gate = new DeltaGate(onDelta);
		try {
			return this.policy.execute(() -> delegate().stream(request, gate.newAttempt()), gate::nothingDelivered);
		}
		finally {
			gate.close();
		}
	}

	/** Lets through the deltas of the current attempt only, and none once the call is over. */
	private static final class DeltaGate {

		private final Consumer<String> onDelta;

		private int attempt;

		private boolean delivered;

		private boolean closed;

		DeltaGate(Consumer<String> onDelta) {
			this.onDelta = onDelta;
		}

		/** Called on the attempt's thread as it starts; earlier attempts' consumers stop delivering. */
		synchronized Consumer<String> newAttempt() {
			int mine = ++this.attempt;
			return (delta) -> deliver(mine, delta);
		}

		private synchronized void deliver(int from, String delta) {
			// Synchronised with close(): a delta is either delivered before the call returns or not at all.
			if (from == this.attempt && !this.closed) {
				this.delivered = true;
				this.onDelta.accept(delta);
			}
		}

		synchronized boolean nothingDelivered() {
			return !this.delivered;
		}

		synchronized void close() {
			this.closed = true;
		}

	}

}
