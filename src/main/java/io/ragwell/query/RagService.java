package io.ragwell.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ragwell.core.ChatTurn;
import io.ragwell.core.LlmRequest;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.query.cache.ResponseCache;
import io.ragwell.query.context.Context;
import io.ragwell.query.context.ContextAssembler;
import io.ragwell.query.expand.ExpandedQuery;
import io.ragwell.query.expand.QueryExpander;
import io.ragwell.query.filter.FilterKey;
import io.ragwell.query.generate.AnswerGenerator;
import io.ragwell.query.generate.Generation;
import io.ragwell.query.log.QueryLog;
import io.ragwell.query.log.QueryLogEntry;
import io.ragwell.query.metrics.RagMetrics;
import io.ragwell.query.plan.QueryPlan;
import io.ragwell.query.plan.QueryPlanner;
import io.ragwell.query.plan.QueryRequest;
import io.ragwell.query.rerank.Reranking;
import io.ragwell.query.retrieve.QueryVectors;
import io.ragwell.query.retrieve.Retriever;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The query pipeline behind {@code /query} and {@code /search}: each step is a stage with its own interface
 * (packages {@code plan}, {@code expand}, {@code retrieve}, {@code rerank}, {@code context}, {@code generate}).
 * The response cache stays here because it brackets the stages (looked up after planning, filled only when no
 * stage degraded), and so does the end-to-end timer.
 */
@Service
public class RagService {

	private final QueryPlanner planner;

	private final QueryVectors vectors;

	private final QueryExpander expander;

	private final Retriever retriever;

	private final Reranking reranking;

	private final ContextAssembler contextAssembler;

	private final AnswerGenerator generator;

	private final ResponseCache cache;

	private final MeterRegistry registry;

	/** The {@code /query} timer per (cached, degraded), registered on first use. */
	private final @Nullable Timer[] queryTimers = new Timer[4];

	private final QueryLog queryLog;

	public RagService(QueryPlanner planner, QueryVectors vectors, QueryExpander expander, Retriever retriever,
			Reranking reranking, ContextAssembler contextAssembler, AnswerGenerator generator, ResponseCache cache,
			MeterRegistry registry, QueryLog queryLog) {
		this.planner = planner;
		this.vectors = vectors;
		this.expander = expander;
		this.retriever = retriever;
		this.reranking = reranking;
		this.contextAssembler = contextAssembler;
		this.generator = generator;
		this.cache = cache;
		this.registry = registry;
		this.queryLog = queryLog;
	}

	/** Retrieves and answers. */
	public QueryResponse query(String namespace, QueryRequest request) {
		return prepare(namespace, request, List.of()).generate().response();
	}

	/**
	 * Retrieves the sources of an answer (steps 1 to 5 of the pipeline) and returns what writes it (steps 6 and
	 * 7), so a caller can show the sources before the answer is written, and stream it. {@link #query} is
	 * {@code prepare(…).generate()}: both give the same sources and the same citations for the same request.
	 * @param namespace the caller's tenant namespace
	 * @param request the question and retrieval settings
	 * @param history earlier turns of a conversation, oldest first (empty for a single question); handed to the
	 * LLM and part of the cache key, since a generative answer depends on them
	 * @return the sources, and the step that writes the answer (or the cached answer)
	 * @throws RuntimeException whatever retrieval throws (invalid request, unavailable store): nothing has been
	 * written for the caller yet
	 */
	public PendingAnswer prepare(String namespace, QueryRequest request, List<ChatTurn> history) {
		long start = System.nanoTime();
		// 1. Validate everything before spending a model call on it.
		QueryPlan plan = this.planner.plan(namespace, request);
		// 2. Serve a cached answer when nothing in the namespace changed since it was computed.
		ResponseCache.Key key = cacheKey(namespace, "query", plan, history);
		Answered cached = this.cache.get(key);
		if (cached != null) {
			return new PendingAnswer(start, cached.response().sources(), (onDelta) -> {
				// A cached answer is written at once: one piece of text.
				if (onDelta != null) {
					onDelta.accept(cached.response().answer());
				}
				Answered served = cached.servedFromCache(elapsedMs(start));
				logQuery(namespace, plan, served);
				return timed(start, "true", served);
			});
		}
		// 3. Embed the question for dense retrieval (through the query-embedding cache).
		float[] vector = this.vectors.question(plan.query());
		// 4. Retrieve candidates (expanded, fused, filtered), then rerank them down to top_k.
		Retrieved retrieved = retrieveAndRerank(namespace, plan, vector);
		// 5. Number the sources within the token budget; citations refer to this numbering.
		Context context = this.contextAssembler.assemble(retrieved.results());
		LlmRequest llmRequest = new LlmRequest(plan.query(), context.sources(), context.text(), history);
		List<SearchResult> sources = forCallers(context.sources());
		return new PendingAnswer(start, sources, (onDelta) -> {
			// 6. Generate; a failed LLM yields an extractive answer, marked degraded, rather than a failed request.
			Generation generation = (onDelta == null) ? this.generator.generate(llmRequest)
					: this.generator.stream(llmRequest, onDelta);
			List<String> warnings = new ArrayList<>(retrieved.warnings());
			warnings.addAll(generation.warnings());
			QueryResponse response = new QueryResponse(generation.answer().text(), sources,
					elapsedMs(start), generation.answer().totalTokens(), generation.provider(), plan.modeName(), false,
					generation.degraded(), warnings, generation.answer().abstained(),
					generation.answer().relevance());
			Answered answered = new Answered(response, generation.answer().promptTokens(),
					generation.answer().completionTokens());
			// 7. Cache only a whole answer: after a degraded step the next request should try the LLM (and
			// reranker) again.
			if (!generation.degraded() && !retrieved.transientFailure()) {
				this.cache.put(key, answered);
			}
			// 8. Remember the question under its query_id, so feedback on it can become a judgment.
			logQuery(namespace, plan, answered);
			return timed(start, "false", answered);
		});
	}

	/** Retrieves without generating: steps 1 to 4 of {@link #query}. */
	public SearchResponse search(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		QueryPlan plan = this.planner.plan(namespace, request);
		ResponseCache.Key key = cacheKey(namespace, "search", plan, List.of());
		SearchResponse cached = this.cache.get(key);
		if (cached != null) {
			return cached.servedFromCache(elapsedMs(start));
		}
		// A sparse search never needs the model: skip the embedding call.
		float[] vector = (plan.mode() == SearchMode.SPARSE) ? null : this.vectors.question(plan.query());
		Retrieved retrieved = retrieveAndRerank(namespace, plan, vector);
		SearchResponse response = new SearchResponse(forCallers(retrieved.results()), elapsedMs(start), plan.modeName(), false,
				retrieved.warnings());
		if (!retrieved.transientFailure()) {
			this.cache.put(key, response);
		}
		return response;
	}

	/**
	 * The results without their chunks' sentence vectors ({@code ragwell.embedding.sentence-vectors}): those are
	 * for the extractive answerer only. Responses, the response cache and the query log get none (about 2 KiB per
	 * chunk; no JSON form).
	 */
	static List<SearchResult> forCallers(List<SearchResult> results) {
		if (results.stream().allMatch((result) -> result.chunk().sentenceVectors() == null)) {
			return results;
		}
		return results.stream()
			.map((result) -> (result.chunk().sentenceVectors() == null) ? result
					: new SearchResult(result.chunk().withSentenceVectors(null), result.score(), result.rank(),
							result.denseScore(), result.sparseScore(), result.rerankScore()))
			.toList();
	}

	/**
	 * Expansion and reranking are improvements, not requirements: when either fails the request goes on without
	 * it, says so in a warning, and is not cached.
	 */
	private Retrieved retrieveAndRerank(String namespace, QueryPlan plan, float @Nullable [] vector) {
		// a. The reranker, if any, chooses from more candidates than top_k.
		int depth = this.reranking.depth(plan.topK());
		// b. The question, and whatever phrasings of it expansion adds.
		ExpandedQuery expanded = this.expander.expand(plan, vector);
		// c. Every phrasing searched (dense, sparse or hybrid, filtered), the rankings fused into one.
		List<SearchResult> candidates = this.retriever.retrieve(namespace, plan, expanded.queries(), depth);
		// d. Cut down to top_k, by the reranker or in retrieval order.
		Reranking.Reranked reranked = this.reranking.rerank(namespace, plan, vector, candidates);
		List<String> warnings = new ArrayList<>(expanded.warnings());
		warnings.addAll(reranked.warnings());
		return new Retrieved(reranked.results(), warnings, expanded.failed() || reranked.failed());
	}

	private void logQuery(String namespace, QueryPlan plan, Answered answered) {
		try {
			this.queryLog
				.record(QueryLogEntry.of(answered.response().queryId(), namespace, plan, answered.response().sources()));
		}
		catch (RuntimeException ex) {
			// The log is for later evaluation; the user's answer matters more than its record.
		}
	}

	/** Everything besides the question that changes the results is in the key. */
	private ResponseCache.Key cacheKey(String namespace, String endpoint, QueryPlan plan, List<ChatTurn> history) {
		String variant = plan.modeName() + '|' + plan.fusion().describe() + "|candidates="
				+ plan.fusion().denseCandidates() + ',' + plan.fusion().sparseCandidates() + "|rerank="
				+ this.reranking.describe() + "|expansion=" + this.expander.describe()
				+ (history.isEmpty() ? "" : "|history=" + historyDigest(history));
		return this.cache.key(namespace, endpoint, plan.query(), plan.topK(), FilterKey.canonical(plan.filter()),
				variant);
	}

	/** A digest rather than the text: the key stays small whatever the conversation's length. */
	private static String historyDigest(List<ChatTurn> history) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (ChatTurn turn : history) {
				// Length-prefixed, so no two different conversations concatenate to the same bytes.
				byte[] content = turn.content().getBytes(StandardCharsets.UTF_8);
				sha.update((turn.role().wireName() + ':' + content.length + ':').getBytes(StandardCharsets.UTF_8));
				sha.update(content);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

	private Answered timed(long start, String cached, Answered answered) {
		boolean degraded = answered.response().degraded();
		// The four timers are looked up once each rather than a meter id built (tags copied and sorted, a map
		// lookup) on every request, cache hits included. Registering twice in a race is harmless.
		int slot = ("true".equals(cached) ? 2 : 0) + (degraded ? 1 : 0);
		Timer timer = this.queryTimers[slot];
		if (timer == null) {
			timer = Timer.builder(RagMetrics.QUERY)
				.description("End-to-end /query handling")
				.tag("cached", cached)
				.tag("degraded", Boolean.toString(degraded))
				.register(this.registry);
			this.queryTimers[slot] = timer;
		}
		timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		return answered;
	}

	private static long elapsedMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	/**
	 * The sources of an answer not yet written, and the step that writes it. Run it once.
	 */
	public static final class PendingAnswer {

		private final long start;

		private final List<SearchResult> sources;

		private final Writer writer;

		PendingAnswer(long start, List<SearchResult> sources, Writer writer) {
			this.start = start;
			this.sources = List.copyOf(sources);
			this.writer = writer;
		}

		/** The sources the answer cites, numbered as {@code /query} returns them: {@code [n]} is element n-1. */
		public List<SearchResult> sources() {
			return this.sources;
		}

		/** Milliseconds since the request reached the pipeline. */
		public long elapsedMs() {
			return RagService.elapsedMs(this.start);
		}

		/** Writes the answer in one piece (the LLM's blocking call). */
		public Answered generate() {
			return this.writer.write(null);
		}

		/**
		 * Writes the answer, handing its text to {@code onDelta} as it is written; a cached answer comes in one
		 * piece. Interrupting the calling thread cancels the LLM call (the client hung up).
		 */
		public Answered stream(Consumer<String> onDelta) {
			return this.writer.write(onDelta);
		}

	}

	@FunctionalInterface
	private interface Writer {

		/** @param onDelta null for the blocking call */
		Answered write(@Nullable Consumer<String> onDelta);

	}

	private record Retrieved(List<SearchResult> results, List<String> warnings, boolean transientFailure) {
	}

}
