package io.ragwell.query.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Names and helpers for the {@code rag.*} meters, so every place records them the same way. */
public final class RagMetrics {

	public static final String QUERY = "rag.query";

	public static final String EMBEDDING = "rag.embedding";

	public static final String SEARCH = "rag.search";

	public static final String LLM = "rag.llm";

	public static final String RERANK = "rag.rerank";

	public static final String TOKENS = "rag.tokens";

	public static final String INGEST_DOCUMENTS = "rag.ingest.documents";

	public static final String INGEST_CHUNKS = "rag.ingest.chunks";

	public static final String ERRORS = "rag.errors";

	public static final String CACHE = "rag.cache";

	public static final String INDEX_CHUNKS = "rag.index.chunks";

	public static final String FEEDBACK = "rag.feedback";

	private RagMetrics() {
	}

	/**
	 * Counts a failure.
	 * @param registry where to count
	 * @param stage pipeline stage: ingest, embedding, search, llm, request
	 * @param cause short, low-cardinality cause: the exception's simple class name
	 */
	public static void error(MeterRegistry registry, String stage, Throwable cause) {
		errorCounter(registry, stage, cause.getClass().getSimpleName()).increment();
	}

	public static Counter errorCounter(MeterRegistry registry, String stage, String cause) {
		return Counter.builder(ERRORS)
			.description("Failures by pipeline stage and cause")
			.tag("stage", stage)
			.tag("cause", cause.toLowerCase(Locale.ROOT))
			.register(registry);
	}

}
