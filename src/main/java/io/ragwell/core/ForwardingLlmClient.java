package io.ragwell.core;

import java.util.function.Consumer;

/**
 * An {@link LlmClient} that hands every call to another one. Decorators extend it and override only what
 * they add to, so a method added to the port later is passed through instead of silently falling back to its
 * default.
 */
public abstract class ForwardingLlmClient implements LlmClient, AutoCloseable {

	private final LlmClient delegate;

	protected ForwardingLlmClient(LlmClient delegate) {
		this.delegate = delegate;
	}

	/** The wrapped client. */
	public LlmClient delegate() {
		return this.delegate;
	}

	@Override
	public LlmAnswer generate(LlmRequest request) {
		return this.delegate.generate(request);
	}

	@Override
	public LlmAnswer stream(LlmRequest request, Consumer<String> onDelta) {
		return this.delegate.stream(request, onDelta);
	}

	@Override
	public LlmAnswer complete(String prompt) {
		return this.delegate.complete(prompt);
	}

	@Override
	public String provider() {
		return this.delegate.provider();
	}

	@Override
	public String model() {
		return this.delegate.model();
	}

	@Override
	public Health healthCheck() {
		return this.delegate.healthCheck();
	}

	@Override
	public void close() throws Exception {
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
