package io.ragwell.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.ragwell.core.Embedder;
import io.ragwell.core.ForwardingEmbedder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Wraps the real embedder and counts the texts it embeds as passages. */
public final class CountingEmbedder extends ForwardingEmbedder {

	private final AtomicInteger passages = new AtomicInteger();

	private static volatile CountingEmbedder current;

	CountingEmbedder(Embedder delegate) {
		super(delegate);
		current = this;
	}

	/**
	 * The wrapper created in the running test context. Other post-processors (metrics, resilience) may wrap it
	 * further, so it is found here rather than by casting the injected bean.
	 */
	public static CountingEmbedder current() {
		return java.util.Objects.requireNonNull(current, "no CountingEmbedder: import CountingEmbedder.Config");
	}

	public int passages() {
		return this.passages.get();
	}

	public void reset() {
		this.passages.set(0);
	}

	@Override
	public List<float[]> embedBatch(List<String> texts) {
		this.passages.addAndGet(texts.size());
		return super.embedBatch(texts);
	}

	@Override
	public List<float[]> embedBatch(List<String> texts, Priority priority) {
		this.passages.addAndGet(texts.size());
		return super.embedBatch(texts, priority);
	}

	@Override
	public @org.jspecify.annotations.Nullable List<WithSpans> embedBatchWithSpans(List<String> texts,
			List<int[]> spans) {
		this.passages.addAndGet(texts.size());
		return super.embedBatchWithSpans(texts, spans);
	}

	@Override
	public float[] embed(String text) {
		this.passages.incrementAndGet();
		return super.embed(text);
	}

	/** Import into a Spring test to replace the Embedder bean with a counting wrapper around it. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		// Declared as the PriorityOrdered class: Spring sorts post-processors by the bean definition's type.
		@Bean
		static CountingPostProcessor countingEmbedderPostProcessor() {
			return new CountingPostProcessor();
		}

	}

	/**
	 * Wraps the composed embedder ({@code PortCompositionConfiguration#embedder}, the one every caller gets),
	 * not the adapter: an adapter bean keeps its own type, which its configuration's other beans (the ONNX
	 * {@code Tokenizer}) are built from. The in-process embedder is never retried, so counting outside the
	 * decorators counts the same texts.
	 */
	static final class CountingPostProcessor implements BeanPostProcessor, org.springframework.core.PriorityOrdered {

		@Override
		public int getOrder() {
			return org.springframework.core.Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			return ("embedder".equals(beanName) && bean instanceof Embedder embedder) ? new CountingEmbedder(embedder)
					: bean;
		}

	}

}
