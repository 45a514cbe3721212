package io.ragwell.query.rerank;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cohere's rerank API and the servers that copy it (vLLM, Infinity, LiteLLM, OpenVINO Model Server):
 * {@code POST /v2/rerank} with {@code {model, query, documents, top_n}}, answered by
 * {@code {results: [{index, relevance_score}], …}} best first. Errors are {@code {message}}. Jina's API has the
 * same shape at another path; {@link JinaReranker} reuses this.
 */
public class CohereReranker extends HttpReranker {

	private final String model;

	/**
	 * @param url the server root, e.g. {@code https://api.cohere.com}; {@code /v2/rerank} is appended unless
	 * the URL already ends with it
	 * @param apiKey bearer token; null for keyless self-hosted servers
	 * @param model the reranking model, e.g. {@code rerank-v3.5}
	 * @param timeout bound on the whole call
	 */
	public CohereReranker(String url, @Nullable String apiKey, String model, Duration timeout) {
		this(TeiReranker.endpoint(url, "v2/rerank"), apiKey, model, timeout, Clock.systemUTC());
	}

	CohereReranker(String endpoint, @Nullable String apiKey, String model, Duration timeout, Clock clock) {
		super(endpoint, apiKey, timeout, clock);
		this.model = model;
	}

	@Override
	protected ObjectNode body(String query, List<String> texts, int topN) {
		ObjectNode body = this.json.createObjectNode();
		body.put("model", this.model);
		body.put("query", query);
		body.putArray("documents").addAll(texts.stream().map(this.json.getNodeFactory()::stringNode).toList());
		body.put("top_n", topN);
		return body;
	}

	@Override
	protected List<Scored> parse(JsonNode response) {
		JsonNode results = response.get("results");
		if (results == null || !results.isArray()) {
			throw new IllegalStateException("expected a results array");
		}
		List<Scored> scored = new ArrayList<>(results.size());
		for (JsonNode entry : results) {
			scored.add(new Scored(entry.get("index").asInt(), entry.get("relevance_score").asDouble()));
		}
		return scored;
	}

	@Override
	protected ProviderError error(JsonNode body) {
		return new ProviderError(text(body.path("message")), null);
	}

	@Override
	public String name() {
		return "cohere";
	}

}
