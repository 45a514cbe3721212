package io.ragwell.query;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.embed.Embedder;
import io.ragwell.llm.LlmAnswer;
import io.ragwell.llm.LlmClient;
import io.ragwell.llm.LlmProperties;
import io.ragwell.llm.LlmRequest;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.query.context.Context;
import io.ragwell.query.context.ContextBuilder;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.system.InvalidRequestException;
import io.ragwell.system.LimitsProperties;
import io.ragwell.system.Text;
import io.ragwell.system.cache.ResponseCache;
import io.ragwell.system.metrics.RagMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/** The query pipeline: the orchestrator behind {@code /query} and {@code /search}. */
@Service
public class RagService {

	private static final Logger log = LoggerFactory.getLogger(RagService.class);

	static final String DEGRADED_WARNING = "The language model is unavailable; this answer was extracted from the"
			+ " sources instead.";

	private final Embedder embedder;

	private final HybridRetriever retriever;

	private final LlmClient llm;

	private final LlmClient fallback;

	private final QueryProperties properties;

	private final LimitsProperties limits;

	private final FilterParser filterParser;

	private final ResponseCache cache;

	private final MeterRegistry registry;

	public RagService(Embedder embedder, HybridRetriever retriever, LlmClient llm, QueryProperties properties,
			LlmProperties llmProperties, LimitsProperties limits, ResponseCache cache, MeterRegistry registry) {
		this.embedder = embedder;
		this.retriever = retriever;
		this.llm = llm;
		// The offline answerer needs nothing but the embedder, so it can always stand in for a failed LLM.
		this.fallback = "extractive".equals(llm.provider()) ? llm
				: new ExtractiveLlmClient(embedder, llmProperties.maxSentences());
		this.properties = properties;
		this.limits = limits;
		this.filterParser = new FilterParser(limits.maxFilterDepth(), limits.maxFilterListSize());
		this.cache = cache;
		this.registry = registry;
	}

	/** Retrieves and answers. */
	public QueryResponse query(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		// 1. Validate everything before spending a model call on it.
		Plan plan = plan(request);
		// 2. Serve a cached answer when nothing in the namespace changed since it was computed.
		ResponseCache.Key key = this.cache.key(namespace, "query", plan.query(), plan.topK(), plan.filter(),
				plan.modeName());
		QueryResponse cached = this.cache.get(key);
		if (cached != null) {
			return record(start, "true", cached.servedFromCache(elapsedMs(start)));
		}
		// 3. Embed the question: dense retrieval needs it, and so does the extractive answerer.
		float[] vector = embedQuery(plan.query());
		// 4. Retrieve: dense + BM25 fused, restricted by the filter.
		List<SearchResult> results = this.retriever.retrieve(namespace, plan.query(), vector, plan.topK(),
				plan.filter(), plan.mode());
		// 5. Number the sources within the token budget; citations refer to this numbering.
		Context context = ContextBuilder.build(results, this.properties.contextMaxTokens(),
				this.embedder::countTokens);
		// 6. Generate; if the LLM fails, answer extractively rather than fail the request.
		LlmRequest llmRequest = new LlmRequest(plan.query(), vector, context.sources(), context.text());
		LlmClient answerer = this.llm;
		LlmAnswer answer;
		try {
			answer = this.llm.generate(llmRequest);
		}
		catch (RuntimeException ex) {
			if (this.fallback == this.llm) {
				throw ex;
			}
			log.warn("llm failed, answering extractively provider={} cause={}", this.llm.provider(),
					ex.getClass().getSimpleName());
			answerer = this.fallback;
			answer = this.fallback.generate(llmRequest);
		}
		boolean degraded = answerer != this.llm;
		QueryResponse response = new QueryResponse(answer.text(), context.sources(), elapsedMs(start),
				answer.totalTokens(), answerer.provider(), plan.modeName(), false, degraded,
				degraded ? List.of(DEGRADED_WARNING) : List.of());
		// A degraded answer is not cached: the next request should try the LLM again.
		if (!degraded) {
			this.cache.put(key, response);
		}
		return record(start, "false", response);
	}

	/** Retrieves without generating. */
	public SearchResponse search(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		Plan plan = plan(request);
		ResponseCache.Key key = this.cache.key(namespace, "search", plan.query(), plan.topK(), plan.filter(),
				plan.modeName());
		SearchResponse cached = this.cache.get(key);
		if (cached != null) {
			return cached.servedFromCache(elapsedMs(start));
		}
		// A sparse search never needs the model: skip the embedding call.
		float[] vector = (plan.mode() == SearchMode.SPARSE) ? null : embedQuery(plan.query());
		List<SearchResult> results = this.retriever.retrieve(namespace, plan.query(), vector, plan.topK(),
				plan.filter(), plan.mode());
		SearchResponse response = new SearchResponse(results, elapsedMs(start), plan.modeName(), false);
		this.cache.put(key, response);
		return response;
	}

	private float[] embedQuery(String query) {
		return this.cache.embedding(this.embedder.modelName(), query, () -> this.embedder.embedQuery(query));
	}

	private QueryResponse record(long start, String cached, QueryResponse response) {
		Timer.builder(RagMetrics.QUERY)
			.description("End-to-end /query handling")
			.tag("cached", cached)
			.tag("degraded", Boolean.toString(response.degraded()))
			.register(this.registry)
			.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		return response;
	}

	private Plan plan(QueryRequest request) {
		String query = request.query();
		if (query == null || query.isBlank()) {
			throw new InvalidRequestException("invalid-request", "query", "'query' is required and must not be blank");
		}
		if (query.length() > this.limits.maxQueryChars()) {
			throw new InvalidRequestException("invalid-request", "query", "'query' has " + query.length()
					+ " characters; at most " + this.limits.maxQueryChars() + " are accepted");
		}
		int topK = (request.topK() != null) ? request.topK() : this.properties.defaultTopK();
		if (topK < 1 || topK > this.limits.maxTopK()) {
			throw new InvalidRequestException("invalid-request", "top_k",
					"'top_k' must be between 1 and " + this.limits.maxTopK() + ", was " + topK);
		}
		SearchMode mode;
		try {
			mode = SearchMode.parse((request.mode() != null) ? request.mode() : this.properties.defaultMode());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "mode", ex.getMessage());
		}
		MetadataFilter filter = this.filterParser.parse(request.filters());
		return new Plan(Text.sanitize(query).strip(), topK, filter, mode);
	}

	private static long elapsedMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	private record Plan(String query, int topK, @Nullable MetadataFilter filter, SearchMode mode) {

		String modeName() {
			return this.mode.name().toLowerCase(Locale.ROOT);
		}

	}

}
