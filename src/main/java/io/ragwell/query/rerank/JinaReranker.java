package io.ragwell.query.rerank;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Jina AI's reranker API: {@code POST /v1/rerank} with {@code {model, query, documents, top_n}}, answered by
 * {@code {model, usage, results: [{index, relevance_score, document?}]}}; the same shape as Cohere's. Errors
 * are FastAPI's {@code {detail}}.
 */
public final class JinaReranker extends CohereReranker {

	/**
	 * @param url the server root, e.g. {@code https://api.jina.ai}; {@code /v1/rerank} is appended unless the
	 * URL already ends with it
	 * @param apiKey bearer token
	 * @param model the reranking model, e.g. {@code jina-reranker-v2-base-multilingual}
	 * @param timeout bound on the whole call
	 */
	public JinaReranker(String url, @Nullable String apiKey, String model, Duration timeout) {
		this(url, apiKey, model, timeout, Clock.systemUTC());
	}

	JinaReranker(String url, @Nullable String apiKey, String model, Duration timeout, Clock clock) {
		super(TeiReranker.endpoint(url, "v1/rerank"), apiKey, model, timeout, clock);
	}

	@Override
	protected ProviderError error(JsonNode body) {
		JsonNode detail = body.path("detail");
		// FastAPI validation errors send a list of {loc, msg, type}.
		if (detail.isArray() && !detail.isEmpty()) {
			return new ProviderError(text(detail.get(0).path("msg")), text(detail.get(0).path("type")));
		}
		return new ProviderError(text(detail), null);
	}

	@Override
	public String name() {
		return "jina";
	}

}
