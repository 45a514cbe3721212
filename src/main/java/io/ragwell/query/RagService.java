package io.ragwell.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.core.Embedder;
import io.ragwell.core.LlmAnswer;
import io.ragwell.core.LlmClient;
import io.ragwell.llm.LlmProperties;
import io.ragwell.core.LlmRequest;
import io.ragwell.llm.extractive.ExtractiveLlmClient;
import io.ragwell.query.context.Context;
import io.ragwell.query.context.ContextBuilder;
import io.ragwell.query.filter.FilterKey;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.query.expand.Expansion;
import io.ragwell.query.expand.QueryExpander;
import io.ragwell.query.rerank.RerankProperties;
import io.ragwell.core.RerankRequest;
import io.ragwell.core.Reranker;
import io.ragwell.query.retrieve.Fusion;
import io.ragwell.query.retrieve.FusionSettings;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.rank.ReciprocalRankFusion;
import io.ragwell.core.InvalidRequestException;
import io.ragwell.core.Text;
import io.ragwell.query.cache.ResponseCache;
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

	static final String RERANK_FAILED_WARNING = "The reranker is unavailable; sources are in retrieval order.";

	/** rrf_k above this flattens every rank to the same weight: certainly a mistake. */
	static final int MAX_RRF_K = 10_000;

	private final MeterRegistry registry;

	private final Reranker reranker;

	private final int rerankCandidates;

	private final Expansion expansion;

	private final QueryExpander expander;

	public RagService(Embedder embedder, HybridRetriever retriever, LlmClient llm, QueryProperties properties,
			LlmProperties llmProperties, LimitsProperties limits, ResponseCache cache, MeterRegistry registry,
			Reranker reranker, RerankProperties rerankProperties) {
		this.embedder = embedder;
		this.retriever = retriever;
		this.llm = llm;
		this.reranker = reranker;
		this.rerankCandidates = rerankProperties.candidates();
		this.expansion = Expansion.parse(properties.expansion());
		this.expander = new QueryExpander(llm);
		// The offline answerer needs nothing but the embedder, so it can always stand in for a failed LLM.
		this.fallback = "extractive".equals(llm.provider()) ? llm
				: new ExtractiveLlmClient(embedder, llmProperties.maxSentences(), llmProperties.sentenceCacheSize());
		this.properties = properties;
		this.limits = limits;
		this.filterParser = new FilterParser(limits.maxFilterDepth(), limits.maxFilterListSize(),
				limits.maxFilterClauses());
		this.cache = cache;
		this.registry = registry;
	}

	/** Retrieves and answers. */
	public QueryResponse query(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		// 1. Validate everything before spending a model call on it.
		Plan plan = plan(request);
		// 2. Serve a cached answer when nothing in the namespace changed since it was computed.
		ResponseCache.Key key = this.cache.key(namespace, "query", plan.query(), plan.topK(),
				FilterKey.canonical(plan.filter()), cacheVariant(plan));
		QueryResponse cached = this.cache.get(key);
		if (cached != null) {
			return record(start, "true", cached.servedFromCache(elapsedMs(start)));
		}
		// 3. Embed the question: dense retrieval needs it, and so does the extractive answerer.
		float[] vector = embedQuery(plan.query());
		// 4. Retrieve candidates (expanded, fused, filtered), then rerank them down to top_k.
		Retrieved retrieved = retrieveAndRerank(namespace, plan, vector);
		List<SearchResult> results = retrieved.results();
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
		List<String> warnings = new ArrayList<>(retrieved.warnings());
		if (degraded) {
			warnings.add(DEGRADED_WARNING);
		}
		QueryResponse response = new QueryResponse(answer.text(), context.sources(), elapsedMs(start),
				answer.totalTokens(), answerer.provider(), plan.modeName(), false, degraded, warnings);
		// A degraded answer is not cached: the next request should try the LLM (and reranker) again.
		if (!degraded && !retrieved.transientFailure()) {
			this.cache.put(key, response);
		}
		return record(start, "false", response);
	}

	/** Retrieves without generating. */
	public SearchResponse search(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		Plan plan = plan(request);
		ResponseCache.Key key = this.cache.key(namespace, "search", plan.query(), plan.topK(),
				FilterKey.canonical(plan.filter()), cacheVariant(plan));
		SearchResponse cached = this.cache.get(key);
		if (cached != null) {
			return cached.servedFromCache(elapsedMs(start));
		}
		// A sparse search never needs the model: skip the embedding call.
		float[] vector = (plan.mode() == SearchMode.SPARSE) ? null : embedQuery(plan.query());
		Retrieved retrieved = retrieveAndRerank(namespace, plan, vector);
		SearchResponse response = new SearchResponse(retrieved.results(), elapsedMs(start), plan.modeName(), false,
				retrieved.warnings());
		if (!retrieved.transientFailure()) {
			this.cache.put(key, response);
		}
		return response;
	}

	/**
	 * Expands the question if configured, retrieves {@code ragwell.rerank.candidates} chunks (top_k without a
	 * reranker) and reranks them down to top_k. Expansion and reranking are improvements, not requirements: when
	 * either fails the request goes on without it and says so in a warning.
	 */
	private Retrieved retrieveAndRerank(String namespace, Plan plan, float @Nullable [] vector) {
		List<String> warnings = new ArrayList<>();
		boolean reranking = !"none".equals(this.reranker.name());
		int depth = reranking ? Math.max(plan.topK(), this.rerankCandidates) : plan.topK();
		Expanded expanded = expand(namespace, plan, vector, depth, warnings);
		List<SearchResult> candidates = expanded.results();
		boolean transientFailure = expanded.failed();
		if (!reranking) {
			return new Retrieved(candidates, warnings, transientFailure);
		}
		try {
			List<SearchResult> reranked = this.reranker
				.rerank(new RerankRequest(namespace, plan.query(), vector, candidates, plan.topK()));
			return new Retrieved(reranked, warnings, transientFailure);
		}
		catch (RuntimeException ex) {
			log.warn("reranker failed, keeping the retrieval order reranker={} cause={}", this.reranker.name(),
					ex.getClass().getSimpleName());
			RagMetrics.error(this.registry, "rerank", ex);
			warnings.add(RERANK_FAILED_WARNING);
			List<SearchResult> head = candidates.subList(0, Math.min(plan.topK(), candidates.size()));
			return new Retrieved(List.copyOf(head), warnings, true);
		}
	}

	private Expanded expand(String namespace, Plan plan, float @Nullable [] vector, int depth,
			List<String> warnings) {
		Expansion expansion = this.expansion;
		if (expansion != Expansion.NONE && "extractive".equals(this.llm.provider())) {
			warnings.add("Query expansion (" + expansion.label() + ") needs a generative LLM and was skipped: the"
					+ " configured answerer is extractive.");
			expansion = Expansion.NONE;
		}
		if (expansion == Expansion.HYDE && plan.mode() == SearchMode.SPARSE) {
			warnings.add("Query expansion (hyde) changes only the dense search and was skipped for a sparse search.");
			expansion = Expansion.NONE;
		}
		try {
			return switch (expansion) {
				case NONE -> new Expanded(retrieve(namespace, plan, plan.query(), vector, depth), false);
				case MULTI_QUERY -> new Expanded(multiQuery(namespace, plan, vector, depth), false);
				case HYDE -> new Expanded(hyde(namespace, plan, depth), false);
			};
		}
		catch (LlmFailure ex) {
			log.warn("query expansion failed, retrieving for the question alone expansion={} cause={}",
					expansion.label(), ex.getCause().getClass().getSimpleName());
			warnings.add("Query expansion (" + expansion.label() + ") failed; results are for the question alone.");
			return new Expanded(retrieve(namespace, plan, plan.query(), vector, depth), true);
		}
	}

	/** The question and each paraphrase retrieved alike, the rankings fused by reciprocal rank. */
	private List<SearchResult> multiQuery(String namespace, Plan plan, float @Nullable [] vector, int depth) {
		List<String> paraphrases = callLlm(() -> this.expander.paraphrases(plan.query(),
				this.properties.expansionQueries()));
		List<List<SearchResult>> rankings = new ArrayList<>(paraphrases.size() + 1);
		rankings.add(retrieve(namespace, plan, plan.query(), vector, depth));
		for (String paraphrase : paraphrases) {
			float[] paraphraseVector = (plan.mode() == SearchMode.SPARSE) ? null : embedQuery(paraphrase);
			rankings.add(retrieve(namespace, plan, paraphrase, paraphraseVector, depth));
		}
		return (rankings.size() == 1) ? rankings.get(0)
				: ReciprocalRankFusion.fuseAll(rankings, plan.fusion().rrfK(), depth);
	}

	/**
	 * The hypothetical answer's embedding replaces the question's on the dense side; BM25 keeps the question.
	 * The passage is embedded as a document (embed, not embedQuery): it stands in for one.
	 */
	private List<SearchResult> hyde(String namespace, Plan plan, int depth) {
		String passage = callLlm(() -> this.expander.hypotheticalPassage(plan.query()));
		if (passage.isBlank()) {
			throw new LlmFailure(new IllegalStateException("the LLM wrote no passage"));
		}
		return retrieve(namespace, plan, plan.query(), this.embedder.embed(passage), depth);
	}

	private List<SearchResult> retrieve(String namespace, Plan plan, String text, float @Nullable [] vector,
			int depth) {
		return this.retriever.retrieve(namespace, text, vector, depth, plan.filter(), plan.mode(), plan.fusion());
	}

	private static <T> T callLlm(java.util.function.Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			throw new LlmFailure(ex);
		}
	}

	/** Everything besides the question that changes the results, for the response cache key. */
	private String cacheVariant(Plan plan) {
		FusionSettings fusion = plan.fusion();
		return plan.modeName() + '|' + fusion.describe() + "|candidates=" + fusion.denseCandidates() + ','
				+ fusion.sparseCandidates() + "|rerank=" + this.reranker.name() + '(' + this.rerankCandidates
				+ ")|expansion=" + this.expansion.label() + '(' + this.properties.expansionQueries() + ')';
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
		return new Plan(Text.sanitize(query).strip(), topK, filter, mode, fusionSettings(request));
	}

	/** The request's fusion overrides on top of the configured settings; 400 on values out of range. */
	private FusionSettings fusionSettings(QueryRequest request) {
		FusionSettings defaults = this.retriever.defaults();
		Fusion fusion = defaults.fusion();
		if (request.fusion() != null) {
			try {
				fusion = Fusion.parse(request.fusion());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException("invalid-request", "fusion", ex.getMessage());
			}
		}
		double alpha = defaults.alpha();
		if (request.alpha() != null) {
			alpha = request.alpha();
			if (!(alpha >= 0.0 && alpha <= 1.0)) {
				throw new InvalidRequestException("invalid-request", "alpha",
						"'alpha' must be between 0 and 1 (1 ranks by the dense list only), was " + request.alpha());
			}
		}
		int rrfK = defaults.rrfK();
		if (request.rrfK() != null) {
			rrfK = request.rrfK();
			if (rrfK < 1 || rrfK > MAX_RRF_K) {
				throw new InvalidRequestException("invalid-request", "rrf_k",
						"'rrf_k' must be between 1 and " + MAX_RRF_K + ", was " + rrfK);
			}
		}
		return new FusionSettings(fusion, alpha, rrfK, defaults.denseCandidates(), defaults.sparseCandidates());
	}

	private static long elapsedMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	private record Retrieved(List<SearchResult> results, List<String> warnings, boolean transientFailure) {
	}

	private record Expanded(List<SearchResult> results, boolean failed) {
	}

	/** An LLM call made for query expansion failed; carries the cause to the fallback. */
	private static final class LlmFailure extends RuntimeException {

		LlmFailure(RuntimeException cause) {
			super(cause);
		}

	}

	private record Plan(String query, int topK, @Nullable MetadataFilter filter, SearchMode mode,
			FusionSettings fusion) {

		String modeName() {
			return this.mode.name().toLowerCase(Locale.ROOT);
		}

	}

}
