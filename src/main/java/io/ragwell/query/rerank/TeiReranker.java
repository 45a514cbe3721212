package io.ragwell.query.rerank;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hugging Face Text Embeddings Inference serving a cross-encoder: {@code POST /rerank} with
 * {@code {query, texts, raw_scores, truncate}}, answered by {@code [{index, score}]} for every text. TEI has
 * no {@code top_n}: the cut is made here. Errors are {@code {error, error_type}}.
 */
public final class TeiReranker extends HttpReranker {

	/**
	 * @param url the server root, e.g. {@code http://localhost:8080}; {@code /rerank} is appended
	 * @param apiKey bearer token when the server was started with {@code --api-key}; null otherwise
	 * @param timeout bound on the whole call
	 */
	public TeiReranker(String url, @Nullable String apiKey, Duration timeout) {
		this(url, apiKey, timeout, Clock.systemUTC());
	}

	TeiReranker(String url, @Nullable String apiKey, Duration timeout, Clock clock) {
		super(endpoint(url, "rerank"), apiKey, timeout, clock);
	}

	@Override
	protected ObjectNode body(String query, List<String> texts, int topN) {
		ObjectNode body = this.json.createObjectNode();
		body.put("query", query);
		body.putArray("texts").addAll(texts.stream().map(this.json.getNodeFactory()::stringNode).toList());
		// Sigmoid-normalised scores in [0, 1]: comparable across queries, and what TEI returns by default.
		body.put("raw_scores", false);
		// Chunks are sized for the embedder; truncating a long one beats failing the whole request.
		body.put("truncate", true);
		return body;
	}

	@Override
	protected List<Scored> parse(JsonNode response) {
		if (!response.isArray()) {
			throw new IllegalStateException("expected a JSON array");
		}
		List<Scored> scored = new ArrayList<>(response.size());
		for (JsonNode entry : response) {
			scored.add(new Scored(entry.get("index").asInt(), entry.get("score").asDouble()));
		}
		return scored;
	}

	@Override
	protected ProviderError error(JsonNode body) {
		return new ProviderError(text(body.path("error")), text(body.path("error_type")));
	}

	@Override
	public String name() {
		return "tei";
	}

	/** {@code base} with {@code path} appended, unless it already ends with it. */
	static String endpoint(String base, String path) {
		String trimmed = base.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.endsWith("/" + path) ? trimmed : trimmed + "/" + path;
	}

}
