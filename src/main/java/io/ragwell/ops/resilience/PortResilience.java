package io.ragwell.ops.resilience;

import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.ragwell.core.Embedder;
import io.ragwell.core.ImageCaptioner;
import io.ragwell.core.LlmClient;
import io.ragwell.core.LlmException;
import io.ragwell.core.Remote;
import io.ragwell.core.RemoteCallException;
import io.ragwell.core.Reranker;
import io.ragwell.core.VectorStore;

/**
 * Puts an adapter that calls a remote dependency ({@link Remote}) under the Resilience4j instances it names
 * ({@link Remote#resilienceInstance()}); in-process adapters are returned as they are. The registries come from
 * resilience4j-spring-boot4's auto-configuration, built from {@code resilience4j.*}.
 */
public final class PortResilience {

	private final RetryRegistry retries;

	private final CircuitBreakerRegistry circuitBreakers;

	private final BulkheadRegistry bulkheads;

	private final TimeLimiterRegistry timeLimiters;

	private final ResilienceProperties properties;

	PortResilience(RetryRegistry retries, CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads,
			TimeLimiterRegistry timeLimiters, ResilienceProperties properties) {
		this.retries = retries;
		this.circuitBreakers = circuitBreakers;
		this.bulkheads = bulkheads;
		this.timeLimiters = timeLimiters;
		this.properties = properties;
	}

	/**
	 * @param adapter the embedder adapter
	 * @return the adapter, under its resilience policy when it is {@link Remote}
	 */
	public Embedder embedder(Embedder adapter) {
		return (adapter instanceof Remote remote)
				? new ResilientEmbedder(adapter, policy(remote, timedOut(remote.resilienceInstance()))) : adapter;
	}

	/**
	 * @param adapter the vector store adapter
	 * @return the adapter, under its resilience policy when it is {@link Remote}
	 */
	public VectorStore vectorStore(VectorStore adapter) {
		return (adapter instanceof Remote remote)
				? new ResilientVectorStore(adapter, policy(remote, timedOut(remote.resilienceInstance()))) : adapter;
	}

	/**
	 * @param adapter the LLM adapter
	 * @return the adapter, under its resilience policy when it is {@link Remote}; a time-out is an
	 * {@link LlmException}, as the LLM adapters' own failures are
	 */
	public LlmClient llmClient(LlmClient adapter) {
		return (adapter instanceof Remote remote) ? new ResilientLlmClient(adapter, policy(remote,
				(timeout) -> new LlmException("LLM call timed out (time limiter)", 0, true, "timeout", timeout)))
				: adapter;
	}

	/**
	 * @param adapter the reranker
	 * @return the reranker, under its resilience policy when it is {@link Remote}
	 */
	public Reranker reranker(Reranker adapter) {
		return (adapter instanceof Remote remote)
				? new ResilientReranker(adapter, policy(remote, timedOut(remote.resilienceInstance()))) : adapter;
	}

	/**
	 * @param adapter the image captioner
	 * @return the captioner, under its resilience policy when it is {@link Remote}
	 */
	public ImageCaptioner imageCaptioner(ImageCaptioner adapter) {
		return (adapter instanceof Remote remote)
				? new ResilientImageCaptioner(adapter, policy(remote, timedOut(remote.resilienceInstance()))) : adapter;
	}

	private ResiliencePolicy policy(Remote remote, Function<TimeoutException, RuntimeException> onTimeout) {
		return ResiliencePolicy.of(remote.resilienceInstance(), this.retries, this.circuitBreakers, this.bulkheads,
				this.timeLimiters, this.properties, onTimeout);
	}

	/** The time limiter's timeout as the one remote failure shape: retryable, like any other timeout. */
	static Function<TimeoutException, RuntimeException> timedOut(String service) {
		return (timeout) -> RemoteCallException.timeout(service,
				"Call to " + service + " timed out (time limiter)", timeout);
	}

}
