package io.ragwell.query;

import java.util.List;
import java.util.Locale;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.SearchMode;
import io.ragwell.core.SearchResult;
import io.ragwell.embed.Embedder;
import io.ragwell.llm.LlmAnswer;
import io.ragwell.llm.LlmClient;
import io.ragwell.llm.LlmRequest;
import io.ragwell.query.context.Context;
import io.ragwell.query.context.ContextBuilder;
import io.ragwell.query.filter.FilterParser;
import io.ragwell.query.retrieve.HybridRetriever;
import io.ragwell.system.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/** The query pipeline: the orchestrator behind {@code /query} and {@code /search}. */
@Service
public class RagService {

	private final Embedder embedder;

	private final HybridRetriever retriever;

	private final LlmClient llm;

	private final QueryProperties properties;

	private final FilterParser filterParser;

	public RagService(Embedder embedder, HybridRetriever retriever, LlmClient llm, QueryProperties properties) {
		this.embedder = embedder;
		this.retriever = retriever;
		this.llm = llm;
		this.properties = properties;
		this.filterParser = new FilterParser(properties.maxFilterDepth(), properties.maxFilterListSize());
	}

	/** Retrieves and answers. */
	public QueryResponse query(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		// 1. Validate everything before spending a model call on it.
		Plan plan = plan(request);
		// 2. Embed the question: dense retrieval needs it, and so does the extractive answerer.
		float[] vector = this.embedder.embedQuery(plan.query());
		// 3. Retrieve: dense + BM25 fused, restricted by the filter.
		List<SearchResult> results = this.retriever.retrieve(namespace, plan.query(), vector, plan.topK(),
				plan.filter(), plan.mode());
		// 4. Number the sources within the token budget; citations refer to this numbering.
		Context context = ContextBuilder.build(results, this.properties.contextMaxTokens(),
				this.embedder::countTokens);
		// 5. Generate the answer from the question and the numbered context.
		LlmAnswer answer = this.llm.generate(new LlmRequest(plan.query(), vector, context.sources(), context.text()));
		return new QueryResponse(answer.text(), context.sources(), elapsedMs(start), answer.totalTokens(),
				this.llm.provider(), modeName(plan.mode()));
	}

	/** Retrieves without generating. */
	public SearchResponse search(String namespace, QueryRequest request) {
		long start = System.nanoTime();
		Plan plan = plan(request);
		// A sparse search never needs the model: skip the embedding call.
		float[] vector = (plan.mode() == SearchMode.SPARSE) ? null : this.embedder.embedQuery(plan.query());
		List<SearchResult> results = this.retriever.retrieve(namespace, plan.query(), vector, plan.topK(),
				plan.filter(), plan.mode());
		return new SearchResponse(results, elapsedMs(start), modeName(plan.mode()));
	}

	private Plan plan(QueryRequest request) {
		String query = request.query();
		if (query == null || query.isBlank()) {
			throw new InvalidRequestException("invalid-request", "query", "'query' is required and must not be blank");
		}
		if (query.length() > this.properties.maxQueryChars()) {
			throw new InvalidRequestException("invalid-request", "query", "'query' has " + query.length()
					+ " characters; at most " + this.properties.maxQueryChars() + " are accepted");
		}
		int topK = (request.topK() != null) ? request.topK() : this.properties.defaultTopK();
		if (topK < 1 || topK > this.properties.maxTopK()) {
			throw new InvalidRequestException("invalid-request", "top_k",
					"'top_k' must be between 1 and " + this.properties.maxTopK() + ", was " + topK);
		}
		SearchMode mode;
		try {
			mode = SearchMode.parse((request.mode() != null) ? request.mode() : this.properties.defaultMode());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("invalid-request", "mode", ex.getMessage());
		}
		MetadataFilter filter = this.filterParser.parse(request.filters());
		return new Plan(query.strip(), topK, filter, mode);
	}

	private static String modeName(SearchMode mode) {
		return mode.name().toLowerCase(Locale.ROOT);
	}

	private static long elapsedMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	private record Plan(String query, int topK, @Nullable MetadataFilter filter, SearchMode mode) {
	}

}
